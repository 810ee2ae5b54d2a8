/** @module The note a performance panel shows in place of its data: the load error, or "loading". */
import type { Component } from 'solid-js';
import { errorText } from '../../lib/error-text.ts';
import { pt } from './messages.ts';

/** Shows the resource's error when it failed, otherwise that it is still loading. */
export const LoadingNote: Component<{ error: unknown }> = (props) => (
  <p class="muted">{props.error ? errorText(props.error) : pt('common.loading')}</p>
);
