/** @module The red alert a page shows while it holds an error message. */
import type { Component } from 'solid-js';
import { Show } from 'solid-js';

/** Renders nothing while `message` is empty; `testId` becomes the alert's data-testid when given. */
export const ErrorAlert: Component<{ message: string; testId?: string }> = (props) => (
  <Show when={props.message}>
    <div class="alert alert--error" role="alert" data-testid={props.testId}>
      {props.message}
    </div>
  </Show>
);
