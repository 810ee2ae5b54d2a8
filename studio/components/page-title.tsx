/** @module A page's title: the `h1#page-title` its `<section aria-labelledby="page-title">` is named by. */
import type { Component, JSX } from 'solid-js';

/** The page's one `<h1 id="page-title" class="page__title">`. */
export const PageTitle: Component<{ children: JSX.Element }> = (props) => (
  <h1 id="page-title" class="page__title">
    {props.children}
  </h1>
);
