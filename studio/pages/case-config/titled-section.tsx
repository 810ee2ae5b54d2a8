/** @module The titled panels of the case-config page: a `<section>` named by its `<h3 class="section-title">`. */
import type { JSX, ParentComponent } from 'solid-js';

/** A section labelled by its heading; `id` is the heading's id, `class` the section's (default `panel`). */
export const TitledSection: ParentComponent<{
  id: string;
  title: JSX.Element;
  class?: string;
  testId?: string;
}> = (props) => (
  <section class={props.class ?? 'panel'} aria-labelledby={props.id} data-testid={props.testId}>
    <h3 id={props.id} class="section-title">
      {props.title}
    </h3>
    {props.children}
  </section>
);
