/** @module The studio root: restores the session, then routes between login and the signed-in pages. */
import type { Component, JSX } from 'solid-js';
import { createEffect, createMemo, createSignal, Match, onMount, Show, Switch } from 'solid-js';
import type { Session } from './api.ts';
import { api, setCsrfToken } from './api.ts';
import { AppShell } from './components/app-shell.tsx';
import { ToastHost } from './components/feedback.tsx';
import { locale, t } from './i18n/index.ts';
import { navFor } from './nav.ts';
import { HomePage } from './pages/home-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { MessagePage, PlaceholderPage } from './pages/placeholder-page.tsx';
import { parseRuleSetPath } from './pages/rule-sets/helpers.ts';
import { navigate, routePath } from './router.ts';
import { setUser, user } from './session.ts';
import { lazyPage } from './lib/lazy-page.tsx';

const booting = () => <p class="boot">{t('app.loading')}</p>;

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

/** The whole studio. */
export const App: Component = () => {
  const [isReady, setReady] = createSignal(false);
  const nav = createMemo(() => navFor(user()?.roles ?? []));
  const isPortal = (): boolean => routePath() === '/portal' || routePath().startsWith('/portal/');

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

  const page = (): JSX.Element => {
    const current = user();
    if (!current) return null;
    const path = routePath();
    if (path === '/' || path === '/login') return <HomePage user={current} nav={nav()} />;
    // Sub-pages (e.g. /rule-sets/<id>/<n>) belong to the nav entry whose path prefixes them.
    const item = nav().find((entry) => entry.path === path || path.startsWith(`${entry.path}/`));
    if (!item) {
      const exists = navFor(['admin', 'dispatcher', 'unit', 'reviewer', 'auditor']).some(
        (e) => e.path === path || path.startsWith(`${e.path}/`),
      );
      return exists ? (
        <MessagePage titleKey="forbidden.title" bodyKey="forbidden.body" />
      ) : (
        <MessagePage titleKey="notFound.title" bodyKey="notFound.body" />
      );
    }
    if (item.id === 'units') return <UnitsPage />;
    if (item.id === 'formPlayground') return <FormPlaygroundPage />;
    if (item.id === 'ruleSets') {
      const sub = parseRuleSetPath(path);
      if (!sub) return <RuleSetsPage isReadOnly={item.isReadOnly} />;
      return sub.view === 'review' ? (
        <RuleSetReviewPage ruleSetId={sub.id} versionNumber={sub.n} canReview={!item.isReadOnly} />
      ) : (
        <RuleSetEditorPage ruleSetId={sub.id} versionNumber={sub.n} canEdit={!item.isReadOnly} />
      );
    }
    if (item.id === 'audit') return <AuditPage />;
    if (item.id === 'indicators') return <IndicatorTreePage />;
    if (item.id === 'formDesigner') return <FormDesignerPage />;
    if (item.id === 'scoringRules') return <RuleBuilderPage />;
    if (item.id === 'whatIf') return <WhatIfPage />;
    if (item.id === 'dashboard') return <DashboardPage path={path} basePath={item.path} />;
    if (item.id === 'amendments') return <AmendmentsPage />;
    if (item.id === 'myForms') return <UnitWorkspacePage />;
    if (item.id === 'cases' || item.id === 'reviews') return <CasesPage path={path} basePath={item.path} />;
    if (item.id === 'caseConfig') return <CaseConfigPage canEdit={!item.isReadOnly} />;
    if (item.id === 'plugins') return <PluginsPage isReadOnly={item.isReadOnly} />;
    if (item.id === 'users') return <UsersPage isReadOnly={item.isReadOnly} />;
    return <PlaceholderPage titleKey={item.labelKey} isReadOnly={item.isReadOnly} />;
  };

  return (
    // The citizen portal is public: it renders without waiting for (or needing) a session.
    <>
      <ToastHost closeLabel={t('toast.close')} />
      <Show when={!isPortal()} fallback={<PortalPage />}>
        <Show when={isReady()} fallback={<p class="boot">{t('app.loading')}</p>}>
          <Switch>
            <Match when={!user()}>
              <LoginPage onLogin={onLogin} />
            </Match>
            <Match when={user()}>
              {(current) => (
                <AppShell user={current()} nav={nav()} onLogout={onLogout}>
                  {page()}
                </AppShell>
              )}
            </Match>
          </Switch>
        </Show>
      </Show>
    </>
  );
};
