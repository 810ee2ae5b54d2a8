/** @module The mark a performance panel shows while the scores it displays wait for their background recompute, and the polling that clears it. */
import { type Component, createEffect, onCleanup, Show } from 'solid-js';
import { pt } from './messages.ts';

/** How often (ms) a panel showing recomputing figures reads them again. */
const POLL_MS = 1_000;

/** "重新计算中… / Recomputing…" beside figures that are the last computed ones while new entries are scored. */
export const RecomputingMark: Component<{ when: boolean | undefined }> = (props) => (
  <Show when={props.when}>
    <span
      class="perf-recomputing"
      data-testid="recomputing"
      role="status"
      title={pt('common.recomputingHint')}
    >
      {pt('common.recomputing')}
    </span>
  </Show>
);

/** Reads again (`refetch`) every second while `isRecomputing()` holds, so the mark clears by itself. */
export function pollWhileRecomputing(isRecomputing: () => boolean | undefined, refetch: () => unknown): void {
  createEffect(() => {
    if (!isRecomputing()) return;
    const timer = setTimeout(() => void refetch(), POLL_MS);
    onCleanup(() => clearTimeout(timer));
  });
}
