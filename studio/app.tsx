/** @module The studio root: restores the session, then routes between login and the signed-in pages. */
import { HashRouter, Route, type RouteSectionProps, useNavigate } from '@solidjs/router';
import type { Component, JSX, ParentComponent } from 'solid-js';
import { createEffect, createMemo, createSignal, Match, onMount, Show, Switch } from 'solid-js';
import type { Session } from './api/http.ts';
import { api, setCsrfToken } from './api/http.ts';
import { AppShell } from './components/app-shell.tsx';
import { ToastHost } from './components/feedback.tsx';
import { locale, t } from './i18n/index.ts';
import { type NavItem, navFor, type PageId, pagePath } from './nav.ts';
import { HomePage } from './pages/home-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { MessagePage } from './pages/placeholder-page.tsx';
import { bindRouter, navigate, routePath } from './router.ts';
import { setUser, user } from './session.ts';
import { lazyPage } from './lib/lazy-page.tsx';

const booting = () => <p class="boot">{t('common.loading')}</p>;

// Each page is its own chunk, loaded when first shown: the first route (and the citizen portal) does
// not download the rule editor, the dashboards or the case console.
const FormPlaygroundPage = lazyPage(
  () => import('./pages/form-playground/form-playground-page.tsx').then((m) => m.FormPlaygroundPage),
  booting,
);
const AuditPage = lazyPage(() => import('./pages/audit/audit-page.tsx').then((m) => m.AuditPage), booting);
const CaseConfigPage = lazyPage(
  () => import('./pages/case-config/case-config-page.tsx').then((m) => m.CaseConfigPage),
  booting,
);
const CasesPage = lazyPage(() => import('./pages/cases/cases-page.tsx').then((m) => m.CasesPage), booting);
const PortalPage = lazyPage(() => import('./pages/cases/portal-page.tsx').then((m) => m.PortalPage), booting);
const AmendmentsPage = lazyPage(
  () => import('./pages/performance/amendments-page.tsx').then((m) => m.AmendmentsPage),
  booting,
);
const DashboardPage = lazyPage(
  () => import('./pages/performance/dashboard-page.tsx').then((m) => m.DashboardPage),
  booting,
);
const FormDesignerPage = lazyPage(
  () => import('./pages/performance/form-designer-page.tsx').then((m) => m.FormDesignerPage),
  booting,
);
const IndicatorTreePage = lazyPage(
  () => import('./pages/performance/indicator-tree-page.tsx').then((m) => m.IndicatorTreePage),
  booting,
);
const RuleBuilderPage = lazyPage(
  () => import('./pages/performance/rule-builder-page.tsx').then((m) => m.RuleBuilderPage),
  booting,
);
const UnitWorkspacePage = lazyPage(
  () => import('./pages/performance/unit-workspace-page.tsx').then((m) => m.UnitWorkspacePage),
  booting,
);
const WhatIfPage = lazyPage(
  () => import('./pages/performance/what-if-page.tsx').then((m) => m.WhatIfPage),
  booting,
);
const PluginsPage = lazyPage(
  () => import('./pages/plugins/plugins-page.tsx').then((m) => m.PluginsPage),
  booting,
);
const RuleSetEditorPage = lazyPage(
  () => import('./pages/rule-sets/rule-set-editor-page.tsx').then((m) => m.RuleSetEditorPage),
  booting,
);
const RuleSetReviewPage = lazyPage(
  () => import('./pages/rule-sets/rule-set-review-page.tsx').then((m) => m.RuleSetReviewPage),
  booting,
);
const RuleSetsPage = lazyPage(
  () => import('./pages/rule-sets/rule-sets-page.tsx').then((m) => m.RuleSetsPage),
  booting,
);
const UnitsPage = lazyPage(() => import('./pages/units-page.tsx').then((m) => m.UnitsPage), booting);
const UsersPage = lazyPage(() => import('./pages/users/users-page.tsx').then((m) => m.UsersPage), booting);

/**
 * What each page renders once the user may see it: the route's path (for pages with sub-paths) and
 * the user's navigation entry (read-only or not) come in.
 */
const pageViews: Record<PageId, (item: NavItem, path: () => string) => JSX.Element> = {
  units: () => <UnitsPage />,
  formPlayground: () => <FormPlaygroundPage />,
  ruleSets: (item) => <RuleSetsPage isReadOnly={item.isReadOnly} />,
  audit: () => <AuditPage />,
  indicators: () => <IndicatorTreePage />,
  formDesigner: () => <FormDesignerPage />,
  scoringRules: () => <RuleBuilderPage />,
  whatIf: () => <WhatIfPage />,
  dashboard: (item, path) => <DashboardPage path={path()} basePath={item.path} />,
  amendments: () => <AmendmentsPage />,
  myForms: () => <UnitWorkspacePage />,
  cases: (item, path) => <CasesPage path={path()} basePath={item.path} />,
  reviews: (item, path) => <CasesPage path={path()} basePath={item.path} />,
  caseConfig: (item) => <CaseConfigPage canEdit={!item.isReadOnly} />,
  plugins: (item) => <PluginsPage isReadOnly={item.isReadOnly} />,
  users: (item) => <UsersPage isReadOnly={item.isReadOnly} />,
};

/** The whole studio: one hash route per page (each page its own chunk), behind the session and the role's navigation. */
export const App: Component = () => {
  const [isReady, setReady] = createSignal(false);
  const nav = createMemo(() => navFor(user()?.roles ?? []));

  createEffect(() => {
    document.documentElement.lang = locale();
    document.title = `${t('app.name')} · ${t('app.tagline')}`;
  });

  onMount(async () => {
    try {
      const session = await api.me();
      setUser(session?.user ?? null);
    } catch {
      setUser(null);
    }
    setReady(true);
  });

  const onLogin = (session: Session): void => {
    setUser(session.user);
    if (routePath() === '/login') navigate('/', { replace: true });
  };
  const onLogout = async (): Promise<void> => {
    try {
      await api.logout();
    } catch {
      // The session is dropped locally either way; a stale cookie is rejected by the server.
      setCsrfToken(undefined);
    }
    setUser(null);
    navigate('/login', { replace: true });
  };

  /** The layout every route renders in: the public portal as is, the studio behind login and its shell. */
  const Root: ParentComponent<RouteSectionProps> = (props) => {
    bindRouter(() => props.location.pathname, useNavigate());
    const isPortal = (): boolean =>
      props.location.pathname === '/portal' || props.location.pathname.startsWith('/portal/');
    return (
      <>
        <ToastHost closeLabel={t('toast.close')} />
        {/* The citizen portal is public: it renders without waiting for (or needing) a session. */}
        <Show when={!isPortal()} fallback={props.children}>
          <Show when={isReady()} fallback={<p class="boot">{t('common.loading')}</p>}>
            <Switch>
              <Match when={!user()}>
                <LoginPage onLogin={onLogin} />
              </Match>
              <Match when={user()}>
                {(current) => (
                  <AppShell user={current()} nav={nav()} onLogout={onLogout}>
                    {props.children}
                  </AppShell>
                )}
              </Match>
            </Switch>
          </Show>
        </Show>
      </>
    );
  };

  /** A page the user's roles grant (else the forbidden notice); `view` renders it. */
  const Granted: Component<{ id: PageId; view: (item: NavItem) => JSX.Element }> = (props) => {
    const item = createMemo(() => nav().find((entry) => entry.id === props.id));
    return (
      <Show when={item()} fallback={<MessagePage titleKey="forbidden.title" bodyKey="forbidden.body" />}>
        {(granted) => props.view(granted())}
      </Show>
    );
  };

  /** A page of one rule-set version (`/rule-sets/:id/:n…`), granted with the rule-sets page; the route's params stay live. */
  const ruleSetVersion =
    (view: (version: { ruleSetId: string; versionNumber: number; canChange: boolean }) => JSX.Element) =>
    (route: RouteSectionProps) => (
      <Granted
        id="ruleSets"
        view={(item) =>
          view({
            get ruleSetId() {
              return decodeURIComponent(route.params.id!);
            },
            get versionNumber() {
              return Number(route.params.n);
            },
            canChange: !item.isReadOnly,
          })
        }
      />
    );

  const home = () => <Show when={user()}>{(current) => <HomePage user={current()} nav={nav()} />}</Show>;

  return (
    <HashRouter root={Root}>
      <Route path="/portal/*rest" component={PortalPage} />
      <Route path={['/', '/login']} component={home} />
      <Route
        path="/rule-sets/:id/:n/review"
        component={ruleSetVersion((v) => (
          <RuleSetReviewPage
            ruleSetId={v.ruleSetId}
            versionNumber={v.versionNumber}
            canReview={v.canChange}
          />
        ))}
      />
      <Route
        path="/rule-sets/:id/:n"
        component={ruleSetVersion((v) => (
          <RuleSetEditorPage ruleSetId={v.ruleSetId} versionNumber={v.versionNumber} canEdit={v.canChange} />
        ))}
      />
      {(Object.keys(pageViews) as PageId[]).map((id) => (
        <Route
          path={`${pagePath(id)}/*rest`}
          component={(route: RouteSectionProps) => (
            <Granted id={id} view={(item) => pageViews[id](item, () => route.location.pathname)} />
          )}
        />
      ))}
      <Route
        path="*404"
        component={() => <MessagePage titleKey="notFound.title" bodyKey="notFound.body" />}
      />
    </HashRouter>
  );
};
