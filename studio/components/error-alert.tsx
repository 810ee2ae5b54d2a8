/** @module The red alert a page shows while it holds an error message, and the maker of such message alerts. */
import type { Component } from 'solid-js';
import { Show } from 'solid-js';

/** Props of a message alert: nothing renders while `message` is empty; `testId` becomes its data-testid when given. */
export type MessageAlertProps = { message: string; testId?: string };

/** An alert of the given classes and role that shows its `message` while there is one. */
export const messageAlert =
  (className: string, role: 'alert' | 'status'): Component<MessageAlertProps> =>
  (props) => (
    <Show when={props.message}>
      <div class={className} role={role} data-testid={props.testId}>
        {props.message}
      </div>
    </Show>
  );

/** Renders nothing while `message` is empty; `testId` becomes the alert's data-testid when given. */
export const ErrorAlert: Component<MessageAlertProps> = messageAlert('alert alert--error', 'alert');
