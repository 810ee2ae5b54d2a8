/** @module The head of an admin page that auditors may read: title, intro line and, for them, a read-only badge. */
import type { Component } from 'solid-js';
import { Show } from 'solid-js';
import { t } from '../i18n/index.ts';
import { PageTitle } from './page-title.tsx';

/** `h1#page-title`, the intro under it, and the `nav.readOnly` badge (data-testid `readOnlyTestId`) while `isReadOnly`. */
export const AdminPageHead: Component<{
  title: string;
  intro: string;
  isReadOnly: boolean;
  readOnlyTestId: string;
}> = (props) => (
  <>
    <PageTitle>{props.title}</PageTitle>
    <p class="muted">{props.intro}</p>
    <Show when={props.isReadOnly}>
      <p class="badge" data-testid={props.readOnlyTestId}>
        {t('nav.readOnly')}
      </p>
    </Show>
  </>
);
