/** @module The green status note a page shows while it holds a success message. */
import type { Component } from 'solid-js';
import { Show } from 'solid-js';

/** Renders nothing while `message` is empty; `testId` becomes the note's data-testid when given. */
export const NoticeAlert: Component<{ message: string; testId?: string }> = (props) => (
  <Show when={props.message}>
    <div class="alert alert--success" role="status" data-testid={props.testId}>
      {props.message}
    </div>
  </Show>
);
