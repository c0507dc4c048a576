import { useId, useState } from 'react';
import { Button, Checkbox, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import {
  type PermissionsRow,
  useCreateUser,
  usePermissionsTable,
  useUpdatePermission,
} from '../../api/admin';
import { ApiError } from '../../api/client';
import type { PermissionLevel } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';

const LEVELS: { value: PermissionLevel; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'read_only', label: 'Read only' },
  { value: 'standard', label: 'Standard' },
  { value: 'admin', label: 'Admin' },
];

/** Users and their permissions on the ERP integrations tool (PERM-1, PERM-2); a new user's token is shown once. */
export function UsersPage() {
  const table = usePermissionsTable();
  return (
    <>
      <h1>Users and permissions</h1>
      <QueryView query={table} what="the permissions table">
        {(t) => (
          <table className="data">
            <caption className="visually-hidden">Users and their permissions</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Level on the ERP integrations tool</th>
                <th scope="col">Accounting approver</th>
              </tr>
            </thead>
            <tbody>
              {t.rows.map((u) => (
                <UserRow key={u.id} user={u} />
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
      <NewUser />
    </>
  );
}

function UserRow({ user }: { user: PermissionsRow }) {
  const update = useUpdatePermission();
  const id = useId();
  return (
    <tr>
      <td>
        {user.name}
        <div className="muted">{user.email}</div>
      </td>
      <td>
        <label htmlFor={id} className="visually-hidden">
          Level of {user.name}
        </label>
        <select
          id={id}
          value={user.level}
          disabled={!user.levelEditable || update.isPending}
          aria-describedby={user.editableReason ? `${id}-why` : undefined}
          onChange={(e) => update.mutate({ id: user.id, level: e.target.value as PermissionLevel })}
        >
          {LEVELS.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
        {user.editableReason && (
          <p id={`${id}-why`} className="reasons">
            {user.editableReason}
          </p>
        )}
        <ProblemAlert error={update.error} heading={`${user.name} was not changed`} />
      </td>
      <td>
        <Checkbox
          isSelected={user.canPushToAccounting}
          isDisabled={update.isPending}
          onChange={(on) => update.mutate({ id: user.id, canPushToAccounting: on })}
        >
          <span aria-hidden="true">{user.canPushToAccounting ? '☑ ' : '☐ '}</span>
          Can push to accounting<span className="visually-hidden"> ({user.name})</span>
        </Checkbox>
      </td>
    </tr>
  );
}

function NewUser() {
  const create = useCreateUser();
  const [form, setForm] = useState({
    name: '',
    email: '',
    level: 'standard' as PermissionLevel,
    approver: false,
  });
  const errors = create.error instanceof ApiError ? create.error.byField() : {};
  return (
    <section className="card" aria-labelledby="new-user">
      <h2 id="new-user">Add a user</h2>
      <Form
        validationErrors={errors}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({
            name: form.name.trim(),
            email: form.email.trim(),
            level: form.level,
            canPushToAccounting: form.approver,
          });
        }}
      >
        <div className="grid-2">
          <TextField
            name="name"
            isRequired
            value={form.name}
            onChange={(name) => setForm((f) => ({ ...f, name }))}
            className="field"
          >
            <Label>Name</Label>
            <Input />
            <FieldError />
          </TextField>
          <TextField
            name="email"
            type="email"
            isRequired
            value={form.email}
            onChange={(email) => setForm((f) => ({ ...f, email }))}
            className="field"
          >
            <Label>E-mail</Label>
            <Input />
            <FieldError />
          </TextField>
          <div className="field">
            <label htmlFor="new-user-level">Level</label>
            <select
              id="new-user-level"
              value={form.level}
              onChange={(e) => setForm((f) => ({ ...f, level: e.target.value as PermissionLevel }))}
            >
              {LEVELS.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.label}
                </option>
              ))}
            </select>
          </div>
          <Checkbox isSelected={form.approver} onChange={(approver) => setForm((f) => ({ ...f, approver }))}>
            <span aria-hidden="true">{form.approver ? '☑ ' : '☐ '}</span>
            Can push to accounting
          </Checkbox>
        </div>
        <Button type="submit" data-variant="primary" isDisabled={create.isPending}>
          Add user
        </Button>
      </Form>
      <ProblemAlert error={create.error && Object.keys(errors).length === 0 ? create.error : null} />
      {create.data && (
        <div className="notice" role="status">
          <p>
            {create.data.name} was added. Their personal token, shown only now:{' '}
            <code>{create.data.token}</code>
          </p>
          <p className="muted">Give it to them privately; it is stored only as a hash.</p>
        </div>
      )}
    </section>
  );
}
