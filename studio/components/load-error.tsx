/** @module The red alert a page shows while something it reads (a resource) failed to load. */
import type { Component } from 'solid-js';
import { Show } from 'solid-js';
import { t } from '../i18n/index.ts';
import { errorText } from '../lib/error-text.ts';

/**
 * Renders nothing while `error` is empty; otherwise the error's text inside `format` (by default
 * "could not load: …", `error.loadFailed`).
 */
export const LoadError: Component<{ error: unknown; format?: (message: string) => string }> = (props) => (
  <Show when={props.error}>
    <div class="alert alert--error" role="alert">
      {(props.format ?? ((message) => t('error.loadFailed', { message })))(errorText(props.error))}
    </div>
  </Show>
);
