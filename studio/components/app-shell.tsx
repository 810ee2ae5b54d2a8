/** @module The signed-in layout: header (product, user, language, logout) and role-aware navigation. */
import type { ParentComponent } from 'solid-js';
import { For, Show } from 'solid-js';
import type { User } from '../api/http.ts';
import { t, tryT } from '../i18n/index.ts';
import type { NavItem } from '../nav.ts';
import { href, routePath } from '../router.ts';
import { DemoDataBanner } from './demo-data-banner.tsx';
import { LanguageSwitch } from './language-switch.tsx';

/** Props of the shell. */
export interface AppShellProps {
  user: User;
  nav: NavItem[];
  onLogout: () => void;
}

/** Header + side navigation around the current page. */
export const AppShell: ParentComponent<AppShellProps> = (props) => {
  const roleNames = () => props.user.roles.map((role) => tryT(`role.${role}`) ?? role).join('、');
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="topbar">
        <a class="topbar__brand" href={href('/')}>
          <span class="brand-mark" aria-hidden="true">
            棒
          </span>
          <span class="topbar__product">{t('app.name')}</span>
          <span class="topbar__tagline">{t('app.tagline')}</span>
        </a>
        <div class="topbar__right">
          <span class="topbar__user" data-testid="current-user">
            <span class="sr-only">{t('header.currentUser')}: </span>
            <span class="topbar__name">{props.user.displayName}</span>
            <span class="topbar__role">{roleNames()}</span>
          </span>
          <LanguageSwitch />
          <button type="button" class="btn btn--outline-light" onClick={() => props.onLogout()}>
            {t('header.logout')}
          </button>
        </div>
      </header>
      <div class="shell__body">
        <nav class="sidenav" aria-label={t('header.navigation')}>
          <ul>
            <li>
              <a
                href={href('/')}
                class="sidenav__link"
                aria-current={routePath() === '/' ? 'page' : undefined}
              >
                {t('nav.home')}
              </a>
            </li>
            <For each={props.nav}>
              {(item) => (
                <li>
                  <a
                    href={href(item.path)}
                    class="sidenav__link"
                    data-nav={item.id}
                    aria-current={routePath() === item.path ? 'page' : undefined}
                  >
                    {t(item.labelKey)}
                    <Show when={item.isReadOnly}>
                      <span class="badge">{t('nav.readOnly')}</span>
                    </Show>
                  </a>
                </li>
              )}
            </For>
          </ul>
        </nav>
        <main id="main" class="content" tabIndex={-1}>
          <DemoDataBanner />
          {props.children}
        </main>
      </div>
    </div>
  );
};
