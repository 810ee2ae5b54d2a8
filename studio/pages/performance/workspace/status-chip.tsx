/** @module A deadline or amendment status as a coloured chip (the workspace and the office's amendment review). */
import type { Component } from 'solid-js';
import type { PerfKey } from '../messages.ts';
import { pt } from '../messages.ts';

/** A deadline status (`open`, `dueSoon`, `late`, `locked`, `notDue`, `submitted`) or amendment status as a chip. */
export const StatusChip: Component<{ status: string; testId?: string; label?: string }> = (props) => (
  <span
    class={`perf-status perf-status--${props.status}`}
    data-testid={props.testId}
    data-status={props.status}
  >
    {props.label ??
      pt(
        (props.status === 'pending' || props.status === 'approved' || props.status === 'rejected'
          ? `workspace.amend.${props.status}`
          : `workspace.status.${props.status === 'notDue' ? 'locked' : props.status}`) as PerfKey,
      )}
  </span>
);
