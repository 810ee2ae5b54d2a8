/** @module Progress of a running job (what-if runs): a bar, "done / total" and, when given, the current stage. */
import type { Component, JSX } from 'solid-js';
import { Show } from 'solid-js';
import type { JobProgress } from '../lib/job.ts';

/** The bar with `label` beside it; `class`, `style` and `testId` go on the wrapper. */
export const JobProgressBar: Component<{
  progress: JobProgress;
  label: string;
  stage?: string;
  testId: string;
  class?: string;
  style?: JSX.CSSProperties;
}> = (props) => (
  <div
    class={props.class}
    data-testid={props.testId}
    style={{ display: 'flex', 'align-items': 'center', gap: '12px', ...props.style }}
  >
    <progress
      value={props.progress.done}
      max={Math.max(1, props.progress.total)}
      data-done={props.progress.done}
      data-total={props.progress.total}
      style={{ width: 'min(420px, 100%)' }}
    />
    <span class="mono small">{props.label}</span>
    <Show when={props.stage}>{(stage) => <span class="muted small">{stage()}</span>}</Show>
  </div>
);
