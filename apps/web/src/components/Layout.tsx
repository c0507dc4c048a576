import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { Button } from 'react-aria-components';
import { useCurrentUser, useSignOut } from '../api/hooks';

const LEVELS: Record<string, string> = {
  none: 'no access',
  read_only: 'read only',
  standard: 'standard',
  admin: 'admin',
};

/** The frame of every signed-in screen: skip link, the tool's navigation, who is signed in, sign out. */
export function Layout() {
  const me = useCurrentUser();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const user = me.data;
  const active = { 'aria-current': 'page' as const };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">Spectrum Bridge</span>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link to="/queue" search={{ state: 'ready_to_export' }} activeProps={active}>
                Approval queue
              </Link>
            </li>
            <li>
              <Link
                to="/items/$type"
                params={{ type: 'commitment' }}
                search={{}}
                activeProps={active}
                activeOptions={{ includeSearch: false }}
              >
                ERP Integrations
              </Link>
            </li>
            <li>
              <Link to="/report" activeProps={active}>
                Report
              </Link>
            </li>
            <li>
              <Link to="/reconciliation" search={{}} activeProps={active}>
                Reconciliation
              </Link>
            </li>
            {user?.level === 'admin' && (
              <>
                <li>
                  <Link to="/admin/connection" activeProps={active}>
                    Connection
                  </Link>
                </li>
                <li>
                  <Link to="/admin/sync" search={{}} activeProps={active}>
                    Sync
                  </Link>
                </li>
                <li>
                  <Link to="/admin/settings" activeProps={active}>
                    Settings
                  </Link>
                </li>
                <li>
                  <Link to="/admin/users" activeProps={active}>
                    Users
                  </Link>
                </li>
                <li>
                  <Link to="/admin/audit" search={{}} activeProps={active}>
                    Audit log
                  </Link>
                </li>
                <li>
                  <Link to="/admin/mail" search={{}} activeProps={active}>
                    Mail
                  </Link>
                </li>
              </>
            )}
          </ul>
        </nav>
        {user && (
          <div className="who">
            <span>
              Signed in as <strong>{user.name}</strong> ({LEVELS[user.level] ?? user.level}
              {user.canPushToAccounting ? ', accounting approver' : ''})
            </span>
            <Button
              onPress={() =>
                signOut.mutate(undefined, {
                  onSuccess: () => navigate({ to: '/sign-in', search: { next: undefined } }),
                })
              }
            >
              Sign out
            </Button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
