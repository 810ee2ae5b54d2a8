/**
 * @module A titled panel: a `<section>` (class `panel` by default) named by its heading, an
 * `<h2 class="panel__title">` on a page, or an `<h3 class="section-title">` for a panel inside a page's part.
 */
import type { Component, JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';

/**
 * `titleId` is the heading's id and the section's `aria-labelledby`; `testId` its data-testid;
 * `level` the heading's level (2 unless given); `class` the section's class (`panel` unless given).
 */
export const TitledPanel: Component<{
  titleId: string;
  title: JSX.Element;
  testId?: string;
  level?: 2 | 3;
  class?: string;
  children: JSX.Element;
}> = (props) => (
  <section class={props.class ?? 'panel'} aria-labelledby={props.titleId} data-testid={props.testId}>
    <Dynamic
      component={props.level === 3 ? 'h3' : 'h2'}
      id={props.titleId}
      class={props.level === 3 ? 'section-title' : 'panel__title'}
    >
      {props.title}
    </Dynamic>
    {props.children}
  </section>
);
