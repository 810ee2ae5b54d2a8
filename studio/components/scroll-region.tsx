/** @module A box that scrolls sideways (a wide table) and that keyboard users can focus to scroll it. */
import type { ParentComponent } from 'solid-js';

/**
 * A wrapper for content wider than the screen: focusable, so it can be scrolled with the arrow keys
 * (WCAG 2.1.1; axe-core's scrollable-region-focusable).
 */
export const ScrollRegion: ParentComponent<{ class?: string }> = (props) => (
  // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard to be scrolled.
  <div class={props.class} tabIndex={0}>
    {props.children}
  </div>
);
