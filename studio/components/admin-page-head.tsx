/** @module The head of an admin page that auditors may read: title, intro line and, for them, a read-only badge. */
import type { Component } from 'solid-js';
import { Show } from 'solid-js';
import { t } from '../i18n/index.ts';
import { PageTitle } from './page-title.tsx';

/**
 * The page title (`${area}.title`), the intro under it (`${area}.intro`) and the `nav.readOnly` badge
 * (data-testid `${area}-read-only`) while `isReadOnly`.
 */
export const AdminPageHead: Component<{ area: 'users' | 'plugins'; isReadOnly: boolean }> = (props) => (
  <>
    <PageTitle>{t(`${props.area}.title`)}</PageTitle>
    <p class="muted">{t(`${props.area}.intro`)}</p>
    <Show when={props.isReadOnly}>
      <p class="badge" data-testid={`${props.area}-read-only`}>
        {t('nav.readOnly')}
      </p>
    </Show>
  </>
);
