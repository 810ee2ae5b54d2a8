/** @module The green status note a page shows while it holds a success message. */
import type { Component } from 'solid-js';
import { type MessageAlertProps, messageAlert } from './error-alert.tsx';

/** Renders nothing while `message` is empty; `testId` becomes the note's data-testid when given. */
export const NoticeAlert: Component<MessageAlertProps> = messageAlert('alert alert--success', 'status');
