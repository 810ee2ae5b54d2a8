/** @module A page's titled panel: a `<section class="panel">` named by its `<h2 class="panel__title">`. */
import type { Component, JSX } from 'solid-js';

/** `titleId` is the heading's id and the section's `aria-labelledby`; `testId` its data-testid. */
export const TitledPanel: Component<{
  titleId: string;
  title: JSX.Element;
  testId?: string;
  children: JSX.Element;
}> = (props) => (
  <section class="panel" aria-labelledby={props.titleId} data-testid={props.testId}>
    <h2 id={props.titleId} class="panel__title">
      {props.title}
    </h2>
    {props.children}
  </section>
);
