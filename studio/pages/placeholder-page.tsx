/** @module Placeholder for pages coming in a later release, and the forbidden / not-found notices. */
import type { Component } from 'solid-js';
import { Show } from 'solid-js';
import type { MessageKey } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';

/** "Coming in a later release" for a page that is not built yet. */
export const PlaceholderPage: Component<{ titleKey: MessageKey; isReadOnly?: boolean }> = (props) => (
  <section class="page" aria-labelledby="page-title">
    <h1 id="page-title" class="page__title">
      {t(props.titleKey)}
    </h1>
    <div class="notice" data-testid="placeholder">
      <div class="notice__icon" aria-hidden="true">
        ⏳
      </div>
      <div>
        <h2 class="notice__title">{t('placeholder.title')}</h2>
        <p>{t('placeholder.body', { page: t(props.titleKey) })}</p>
        <Show when={props.isReadOnly}>
          <p class="muted">{t('placeholder.readOnly')}</p>
        </Show>
      </div>
    </div>
  </section>
);

/** A short message page (forbidden, not found). */
export const MessagePage: Component<{ titleKey: MessageKey; bodyKey: MessageKey }> = (props) => (
  <section class="page" aria-labelledby="page-title">
    <h1 id="page-title" class="page__title">
      {t(props.titleKey)}
    </h1>
    <p>{t(props.bodyKey)}</p>
  </section>
);
