/** @module The "provisional" mark of a deadline counted over days whose holidays are not known yet (the calendar's weekends-only mode). */
import type { Component } from 'solid-js';
import { Show } from 'solid-js';
import { t } from '../i18n/index.ts';

/** Renders nothing unless `when`; otherwise a small badge with an explanation on hover. */
export const ProvisionalMark: Component<{ when: boolean | undefined }> = (props) => {
  return (
    <Show when={props.when}>
      {' '}
      <span
        class="badge"
        style={{ background: '#fff4d6', color: '#8a5a00' }}
        title={t('deadline.provisional.title')}
        data-testid="deadline-provisional"
      >
        {t('deadline.provisional.label')}
      </span>
    </Show>
  );
};
