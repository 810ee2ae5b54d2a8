/** @module The product's brand block on the pages outside the shell (sign-in, citizen portal): the 棒 mark beside its text. */
import type { Component, JSX } from 'solid-js';

/** `<div class>` holding the mark and, in a `<div>` beside it, `children` (the name and the line under it). */
export const BrandBlock: Component<{ class: string; children: JSX.Element }> = (props) => (
  <div class={props.class}>
    <span class="brand-mark" aria-hidden="true">
      棒
    </span>
    <div>{props.children}</div>
  </div>
);
