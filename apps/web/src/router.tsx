import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { ApiError, api, call } from './api/client';
import { keys } from './api/hooks';
import type { CurrentUser } from './api/types';
import { Layout } from './components/Layout';
import { AuditPage } from './features/admin/AuditPage';
import { ConnectionPage } from './features/admin/ConnectionPage';
import { ReportPage } from './features/admin/ReportPage';
import { SettingsPage } from './features/admin/SettingsPage';
import { SyncPage } from './features/admin/SyncPage';
import { UsersPage } from './features/admin/UsersPage';
import { SignInPage } from './features/auth/SignInPage';
import { BudgetPage } from './features/budgets/BudgetPage';
import { EditChangeOrder, NewChangeOrder } from './features/commitments/ChangeOrders';
import { CommitmentEditor } from './features/commitments/CommitmentEditor';
import { ITEM_TABS, ItemsPage } from './features/items/ItemsPage';
import { MailPage } from './features/mail/MailPage';
import { QueuePage } from './features/queue/QueuePage';
import { RequestPage } from './features/queue/RequestPage';
import { ReconciliationPage } from './features/reconciliation/ReconciliationPage';

interface Ctx {
  queryClient: QueryClient;
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 500 ? v : undefined);

const rootRoute = createRootRouteWithContext<Ctx>()({ component: Outlet });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>): { next?: string } => ({ next: str(s.next) }),
  component: SignInPage,
});

/** Every other screen needs a signed-in user: without a session the app goes to the sign-in page and back. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      const user = await context.queryClient.ensureQueryData({
        queryKey: keys.me,
        queryFn: () => call<CurrentUser>(api.GET('/api/v1/me')),
      });
      return { user };
    } catch (e) {
      if (e instanceof ApiError && e.status === 401)
        throw redirect({ to: '/sign-in', search: { next: location.href } });
      throw e;
    }
  },
  component: Layout,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    const user = (context as unknown as { user: CurrentUser }).user;
    if (user.canPushToAccounting) throw redirect({ to: '/queue', search: { state: 'ready_to_export' } });
    throw redirect({ to: '/items/$type', params: { type: 'commitment' }, search: {} });
  },
});

export const itemsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/items/$type',
  validateSearch: (s: Record<string, unknown>): { state?: string; q?: string; cursor?: string } => ({
    state: str(s.state),
    q: str(s.q),
    cursor: str(s.cursor),
  }),
  beforeLoad: ({ params }) => {
    if (!ITEM_TABS.some((t) => t.type === params.type))
      throw redirect({ to: '/items/$type', params: { type: 'commitment' }, search: {} });
  },
  component: ItemsPage,
});

export const queueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/queue',
  validateSearch: (s: Record<string, unknown>): { state?: string; type?: string; cursor?: string } => ({
    state: str(s.state),
    type: str(s.type),
    cursor: str(s.cursor),
  }),
  component: QueuePage,
});

export const requestRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/queue/$id',
  component: RequestPage,
});

export const newCommitmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/commitments/new',
  component: () => <CommitmentEditor />,
});

export const commitmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/commitments/$id',
  component: function EditCommitment() {
    const { id } = commitmentRoute.useParams();
    return <CommitmentEditor id={id} />;
  },
});

export const newChangeOrderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/commitments/$id/change-orders/new',
  component: function NewChangeOrderPage() {
    const { id } = newChangeOrderRoute.useParams();
    return <NewChangeOrder commitmentId={id} />;
  },
});

export const changeOrderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/commitment-change-orders/$id',
  component: function ChangeOrderPage() {
    const { id } = changeOrderRoute.useParams();
    return <EditChangeOrder id={id} />;
  },
});

export const budgetRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projects/$projectId/budget',
  component: function Budget() {
    const { projectId } = budgetRoute.useParams();
    return <BudgetPage projectId={projectId} />;
  },
});

const connectionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/connection',
  component: ConnectionPage,
});

export const syncRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/sync',
  validateSearch: (s: Record<string, unknown>): { group?: string; cursor?: string } => ({
    group: str(s.group),
    cursor: str(s.cursor),
  }),
  component: SyncPage,
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/settings',
  component: SettingsPage,
});
const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users',
  component: UsersPage,
});
const reportRoute = createRoute({ getParentRoute: () => appRoute, path: '/report', component: ReportPage });

export const reconciliationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reconciliation',
  validateSearch: (s: Record<string, unknown>): { projectId?: string } => ({ projectId: str(s.projectId) }),
  component: ReconciliationPage,
});

export const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/audit',
  validateSearch: (s: Record<string, unknown>): { action?: string; itemType?: string; cursor?: string } => ({
    action: str(s.action),
    itemType: str(s.itemType),
    cursor: str(s.cursor),
  }),
  component: AuditPage,
});

export const mailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/mail',
  validateSearch: (s: Record<string, unknown>): { id?: string } => ({ id: str(s.id) }),
  component: MailPage,
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([
    indexRoute,
    itemsRoute,
    queueRoute,
    requestRoute,
    newCommitmentRoute,
    commitmentRoute,
    newChangeOrderRoute,
    changeOrderRoute,
    budgetRoute,
    connectionRoute,
    syncRoute,
    settingsRoute,
    usersRoute,
    auditRoute,
    mailRoute,
    reportRoute,
    reconciliationRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: false });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
