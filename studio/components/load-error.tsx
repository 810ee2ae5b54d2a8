/** @module The red alert a page shows while something it reads (a resource) failed to load, and the states of such a read. */
import type { Accessor, Component, JSX, Resource } from 'solid-js';
import { Match, Show, Switch } from 'solid-js';
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

/**
 * A resource as a page shows it: its `LoadError` when the read failed, else `children` with the
 * latest value (kept while it reloads), else "loading…" (`aria-busy`) until the first value comes.
 */
export const Loaded = <T,>(props: {
  resource: Resource<T>;
  children: (value: Accessor<NonNullable<T>>) => JSX.Element;
}): JSX.Element => (
  <Switch>
    <Match when={props.resource.error}>
      <LoadError error={props.resource.error} />
    </Match>
    <Match when={props.resource.latest}>{(value) => props.children(value)}</Match>
    <Match when={props.resource.loading}>
      <p aria-busy="true">{t('common.loading')}</p>
    </Match>
  </Switch>
);
