import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { ApiError } from '../../api/client';
import { useSignIn, useSignInOptions } from '../../api/hooks';
import { ProblemAlert } from '../../components/ProblemAlert';

const DESCRIBE: Record<string, string> = {
  'demo-admin': 'Admin: connection, sync schedule, users',
  'demo-approver': 'Accounting approver: accepts and rejects exports',
  'demo-pm': 'Project manager: commitments and change orders',
  'demo-viewer': 'Read only: sees everything, changes nothing',
};

/** Sign in with a personal token; in demo mode, one click per demo user. */
export function SignInPage() {
  const options = useSignInOptions();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const { next } = useSearch({ from: '/sign-in' });
  const [token, setToken] = useState('');
  const done = () => {
    const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/';
    navigate({ href: target });
  };
  const tokenError = signIn.error instanceof ApiError ? signIn.error.forField('token') : [];
  return (
    <main id="main" className="sign-in">
      <h1>Sign in to Spectrum Bridge</h1>
      <div className="card">
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            signIn.mutate({ token: token.trim() }, { onSuccess: done });
          }}
          validationErrors={tokenError.length ? { token: tokenError } : {}}
        >
          <TextField
            name="token"
            type="password"
            isRequired
            value={token}
            onChange={setToken}
            className="field"
          >
            <Label>Personal token</Label>
            <Input autoComplete="current-password" />
            <Text slot="description">The token an admin gave you (it starts with brg_).</Text>
            <FieldError />
          </TextField>
          <Button type="submit" data-variant="primary" isDisabled={signIn.isPending}>
            Sign in
          </Button>
        </Form>
        {signIn.error && tokenError.length === 0 && <ProblemAlert error={signIn.error} />}
      </div>
      {options.data?.demoMode && (
        <section className="card" aria-labelledby="demo-heading">
          <h2 id="demo-heading">Demo users</h2>
          <p className="muted">This is a demo: sign in as one of its users.</p>
          <div className="demo-users">
            {options.data.demoUsers.map((u) => (
              <Button
                key={u.name}
                onPress={() => signIn.mutate({ demoUser: u.name }, { onSuccess: done })}
                isDisabled={signIn.isPending}
              >
                Sign in as {u.name}
                <span className="muted"> — {DESCRIBE[u.name] ?? u.level}</span>
              </Button>
            ))}
          </div>
        </section>
      )}
    </main>
  );
}
