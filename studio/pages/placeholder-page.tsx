/** @module The short notices the studio shows instead of a page: forbidden, not found. */
import type { Component } from 'solid-js';
import type { MessageKey } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';

/** A short message page (forbidden, not found). */
export const MessagePage: Component<{ titleKey: MessageKey; bodyKey: MessageKey }> = (props) => (
  <section class="page" aria-labelledby="page-title">
    <h1 id="page-title" class="page__title">
      {t(props.titleKey)}
    </h1>
    <p>{t(props.bodyKey)}</p>
  </section>
);
