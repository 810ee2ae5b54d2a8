/** @module The short notices the studio shows instead of a page: forbidden, not found. */
import type { Component } from 'solid-js';
import type { MessageKey } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';
import { PageTitle } from '../components/page-title.tsx';

/** A short message page (forbidden, not found). */
export const MessagePage: Component<{ titleKey: MessageKey; bodyKey: MessageKey }> = (props) => (
  <section class="page" aria-labelledby="page-title">
    <PageTitle>{t(props.titleKey)}</PageTitle>
    <p>{t(props.bodyKey)}</p>
  </section>
);
