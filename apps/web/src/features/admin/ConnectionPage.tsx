import { useEffect, useState } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextArea, TextField } from 'react-aria-components';
import { ApiError } from '../../api/client';
import { useConnection, useSaveConnection, useTestConnection } from '../../api/hooks';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';
import { CallLimitsFields, type CallLimitsInput, limitValue } from './CallLimitsFields';

/**
 * The Spectrum connection: server URL, company, authentication. Secrets are write-only: the page says whether one is
 * stored, never what it is. Test connection shows the result, and the reason when it fails.
 */
export function ConnectionPage() {
  const query = useConnection();
  const save = useSaveConnection();
  const test = useTestConnection();
  const [form, setForm] = useState({ serviceUrl: '', companyCode: '', serviceUser: '', authMode: 'basic' });
  const [password, setPassword] = useState('');
  const [editSecret, setEditSecret] = useState(false);
  const [caBundle, setCaBundle] = useState('');
  const [infoLink, setInfoLink] = useState({ mode: 'http', host: '', port: '', database: '', login: '' });
  const [infoLinkPassword, setInfoLinkPassword] = useState('');
  const [limits, setLimits] = useState<CallLimitsInput>({ maxConcurrentCalls: '', callsPerSecond: '' });
  useEffect(() => {
    const c = query.data;
    if (!c) return;
    setForm({
      serviceUrl: c.serviceUrl ?? '',
      companyCode: c.companyCode ?? '',
      serviceUser: c.serviceUser ?? '',
      authMode: c.authMode === 'none' ? 'basic' : c.authMode,
    });
    setCaBundle(c.caBundle ?? '');
    setLimits({ maxConcurrentCalls: String(c.maxConcurrentCalls), callsPerSecond: String(c.callsPerSecond) });
    setInfoLink({
      mode: c.infoLink.mode,
      host: c.infoLink.host ?? '',
      port: c.infoLink.port === null ? '' : String(c.infoLink.port),
      database: c.infoLink.database ?? '',
      login: c.infoLink.login ?? '',
    });
  }, [query.data]);
  const setIl = (k: keyof typeof infoLink) => (v: string) => setInfoLink((f) => ({ ...f, [k]: v }));
  const validationErrors = save.error instanceof ApiError ? save.error.byField() : {};
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <>
      <h1>Spectrum connection</h1>
      <QueryView query={query} what="the connection settings">
        {(c) => (
          <>
            <div className="card" aria-live="polite">
              <p>
                Status: <strong>{c.connectionStatus === 'connected' ? 'Connected' : 'Not connected'}</strong>
                {c.connectionCheckedAt && (
                  <span className="muted"> (checked {new Date(c.connectionCheckedAt).toLocaleString()})</span>
                )}
              </p>
              {c.connectionError && <p className="error-text">{c.connectionError}</p>}
              <Button onPress={() => test.mutate()} isDisabled={test.isPending}>
                {test.isPending ? 'Testing…' : 'Test connection'}
              </Button>
              {test.isSuccess && (
                <p role="status">
                  {test.data.connectionStatus === 'connected'
                    ? 'Spectrum answered: the connection works.'
                    : `The connection does not work: ${test.data.connectionError ?? 'no reason given'}`}
                </p>
              )}
              <ProblemAlert error={test.error} heading="The connection could not be tested" />
            </div>
            <Form
              className="card"
              validationErrors={validationErrors}
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate(
                  {
                    serviceUrl: form.serviceUrl.trim(),
                    companyCode: form.companyCode.trim(),
                    serviceUser: form.serviceUser.trim() || null,
                    authMode: form.authMode as 'basic' | 'oauth',
                    ...(editSecret && password ? { servicePassword: password } : {}),
                    caBundle: caBundle.trim() === '' ? null : caBundle.trim(),
                    infoLink: {
                      mode: infoLink.mode as 'http' | 'sql',
                      ...(infoLink.mode === 'sql'
                        ? {
                            host: infoLink.host.trim() || null,
                            port: infoLink.port.trim() === '' ? null : Number(infoLink.port),
                            database: infoLink.database.trim() || null,
                            login: infoLink.login.trim() || null,
                            ...(infoLinkPassword ? { password: infoLinkPassword } : {}),
                          }
                        : {}),
                    },
                    maxConcurrentCalls: limitValue(limits.maxConcurrentCalls),
                    callsPerSecond: limitValue(limits.callsPerSecond),
                  },
                  {
                    onSuccess: () => {
                      setPassword('');
                      setEditSecret(false);
                      setInfoLinkPassword('');
                    },
                  },
                );
              }}
            >
              <h2>Settings</h2>
              <TextField
                name="serviceUrl"
                isRequired
                type="url"
                value={form.serviceUrl}
                onChange={set('serviceUrl')}
                className="field"
              >
                <Label>Spectrum server URL</Label>
                <Input />
                <Text slot="description">For example https://spectrum.example.com</Text>
                <FieldError />
              </TextField>
              <TextField
                name="companyCode"
                isRequired
                maxLength={3}
                value={form.companyCode}
                onChange={set('companyCode')}
                className="field"
              >
                <Label>Spectrum company code</Label>
                <Input />
                <FieldError />
              </TextField>
              <TextField
                name="serviceUser"
                value={form.serviceUser}
                onChange={set('serviceUser')}
                className="field"
              >
                <Label>Service user</Label>
                <Input />
                <FieldError />
              </TextField>
              <div className="field">
                <label htmlFor="auth-mode">Authentication</label>
                <select
                  id="auth-mode"
                  value={form.authMode}
                  onChange={(e) => set('authMode')(e.target.value)}
                >
                  <option value="basic">Authorization ID (basic)</option>
                  <option value="oauth">Enhanced authorization (OAuth)</option>
                </select>
              </div>
              <div className="field">
                <span>
                  Authorization ID / password: {c.servicePasswordSet ? 'stored (hidden)' : 'not set'}
                </span>
                {editSecret ? (
                  <TextField
                    name="servicePassword"
                    type="password"
                    value={password}
                    onChange={setPassword}
                    className="field"
                  >
                    <Label>New Authorization ID / password</Label>
                    <Input autoComplete="new-password" />
                    <Text slot="description">Stored encrypted; it is never shown again.</Text>
                    <FieldError />
                  </TextField>
                ) : (
                  <Button onPress={() => setEditSecret(true)}>Edit credentials</Button>
                )}
                {editSecret && (
                  <Button
                    onPress={() => {
                      setEditSecret(false);
                      setPassword('');
                    }}
                  >
                    Keep the stored credentials
                  </Button>
                )}
              </div>
              <TextField name="caBundle" value={caBundle} onChange={setCaBundle} className="field">
                <Label>Trusted certificates (CA bundle, PEM)</Label>
                <TextArea rows={4} />
                <Text slot="description">
                  For a Spectrum server with a certificate from the company's own CA or a self-signed one:
                  paste the CA's certificate (or the server's). Empty: only publicly trusted certificates.
                  {c.caCertificates.length > 0 &&
                    ` Now trusted: ${c.caCertificates.map((x) => `${x.subject.replaceAll('\n', ', ')} (until ${new Date(x.validTo).toLocaleDateString()})`).join('; ')}.`}
                </Text>
                <FieldError />
              </TextField>
              <fieldset className="field">
                <legend>Info-Link</legend>
                <div className="field">
                  <label htmlFor="infolink-mode">Read Info-Link tables</label>
                  <select
                    id="infolink-mode"
                    value={infoLink.mode}
                    onChange={(e) => setIl('mode')(e.target.value)}
                  >
                    <option value="http">over HTTP (the Spectrum simulator)</option>
                    <option value="sql">over SQL (an Info-Link login on Spectrum's SQL Server)</option>
                  </select>
                </div>
                {infoLink.mode === 'sql' && (
                  <>
                    <TextField
                      name="infoLink.host"
                      value={infoLink.host}
                      onChange={setIl('host')}
                      className="field"
                    >
                      <Label>SQL Server host</Label>
                      <Input />
                      <FieldError />
                    </TextField>
                    <TextField
                      name="infoLink.port"
                      value={infoLink.port}
                      onChange={setIl('port')}
                      inputMode="numeric"
                      className="field"
                    >
                      <Label>Port</Label>
                      <Input placeholder="1433" />
                      <FieldError />
                    </TextField>
                    <TextField
                      name="infoLink.database"
                      value={infoLink.database}
                      onChange={setIl('database')}
                      className="field"
                    >
                      <Label>Database</Label>
                      <Input />
                      <FieldError />
                    </TextField>
                    <TextField
                      name="infoLink.login"
                      value={infoLink.login}
                      onChange={setIl('login')}
                      className="field"
                    >
                      <Label>Info-Link login</Label>
                      <Input autoComplete="off" />
                      <FieldError />
                    </TextField>
                    <TextField
                      name="infoLink.password"
                      type="password"
                      value={infoLinkPassword}
                      onChange={setInfoLinkPassword}
                      className="field"
                    >
                      <Label>Info-Link password</Label>
                      <Input autoComplete="new-password" />
                      <Text slot="description">
                        {c.infoLink.passwordSet
                          ? 'Stored (hidden). Type a new one to replace it.'
                          : 'Not set.'}{' '}
                        Stored encrypted; it is never shown again.
                      </Text>
                      <FieldError />
                    </TextField>
                  </>
                )}
              </fieldset>
              <CallLimitsFields value={limits} onChange={setLimits} />
              <Button type="submit" data-variant="primary" isDisabled={save.isPending}>
                Save
              </Button>
              {save.isSuccess && <p role="status">Saved.</p>}
              <ProblemAlert error={save.error} heading="The settings were not saved" />
            </Form>
          </>
        )}
      </QueryView>
    </>
  );
}
