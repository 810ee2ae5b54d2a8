/**
 * @module What a dashboard panel (page-parts' `Panel`) shows before its data is there (the error as a
 * muted line, else a skeleton or a spinner), and the muted line it shows when the data is there but
 * empty; and the panel itself, titled by what it shows and for which group and month.
 */
import type { Accessor, Component, JSX } from 'solid-js';
import { Show } from 'solid-js';
import { Skeleton, Spinner } from '../../../components/feedback.tsx';
import { errorText } from '../../../lib/error-text.ts';
import { pt } from '../messages.ts';
import { Panel } from '../page-parts.tsx';

/**
 * The panel's data once it is there (`children`, as in `<Show>`). Before: `error` as a muted line,
 * else the loading mark `testId`, a skeleton of `rows` lines when given, a spinner reading `label`
 * (by default "loading") when not.
 */
export function Loaded<T>(props: {
  data: T | undefined | null | false;
  error: unknown;
  testId: string;
  rows?: number;
  label?: string;
  children: JSX.Element | ((data: Accessor<NonNullable<T>>) => JSX.Element);
}): JSX.Element {
  const loading = () =>
    props.rows === undefined ? (
      <Spinner label={props.label ?? pt('common.loading')} testId={props.testId} />
    ) : (
      <Skeleton rows={props.rows} label={pt('common.loading')} testId={props.testId} />
    );
  return (
    <Show
      when={props.data}
      fallback={
        <Show when={props.error} fallback={loading()}>
          <p class="muted">{errorText(props.error)}</p>
        </Show>
      }
    >
      {props.children}
    </Show>
  );
}

/** `children` when there is something to show (`when`), else `empty` as a muted line. */
export const NonEmpty: Component<{ when: boolean; empty: JSX.Element; children: JSX.Element }> = (props) => (
  <Show when={props.when} fallback={<p class="muted">{props.empty}</p>}>
    {props.children}
  </Show>
);

/** A dashboard panel titled by its parts joined with " · ": what it shows, then the group and month. */
export const DashPanel: Component<{ testId: string; title: readonly string[]; children: JSX.Element }> = (
  props,
) => (
  <Panel testId={props.testId} title={props.title.join(' · ')}>
    {props.children}
  </Panel>
);
