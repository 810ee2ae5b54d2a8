/** @module Home: a greeting and cards for the pages the user can open. */
import type { Component } from 'solid-js';
import { For } from 'solid-js';
import type { User } from '../api.ts';
import { t, tryT } from '../i18n/index.ts';
import type { NavItem } from '../nav.ts';
import { href } from '../router.ts';

/** The landing page after login. */
export const HomePage: Component<{ user: User; nav: NavItem[] }> = (props) => (
  <section class="page" aria-labelledby="page-title">
    <h1 id="page-title" class="page__title">
      {t('home.welcome', { name: props.user.displayName })}
    </h1>
    <p class="muted">{t('home.intro')}</p>
    <dl class="facts">
      <dt>{t('home.roles')}</dt>
      <dd>{props.user.roles.map((role) => tryT(`role.${role}`) ?? role).join('、')}</dd>
      <dt>{t('home.unit')}</dt>
      <dd>{props.user.unitId ?? t('home.noUnit')}</dd>
    </dl>
    <div class="cards">
      <For each={props.nav}>
        {(item) => (
          <a class="card-link" href={href(item.path)}>
            <span class="card-link__title">{t(item.labelKey)}</span>
            <span class="card-link__meta">{item.isBuilt ? '→' : t('placeholder.title')}</span>
          </a>
        )}
      </For>
    </div>
  </section>
);
