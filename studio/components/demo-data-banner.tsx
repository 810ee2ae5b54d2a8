/**
 * @module While the demo district's year of cases loads after a start (about two minutes), a bar
 * under the header says so, with its progress, so empty queues and charts are not taken for the
 * real state. Polls /api/health until the load is done; shows nothing on a real deployment.
 */
import type { Component } from 'solid-js';
import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { api } from '../api/http.ts';
import { t } from '../i18n/index.ts';
import { showToast } from './feedback.tsx';

/** The bar; renders nothing unless /api/health reports demo data loading. */
export const DemoDataBanner: Component = () => {
  const [progress, setProgress] = createSignal<{ done: number; total: number } | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isActive = true;
  const poll = async (): Promise<void> => {
    try {
      const demo = (await api.health()).demoData;
      if (!isActive) return;
      if (demo?.isLoading) {
        setProgress({ done: demo.done, total: demo.total });
        timer = setTimeout(() => void poll(), 4000);
        return;
      }
      if (progress()) showToast(t('demoData.loaded'), 'info');
      setProgress(null);
    } catch {
      // The health check failing is shown elsewhere (pages fail to load); try again later.
      if (isActive) timer = setTimeout(() => void poll(), 10_000);
    }
  };
  onMount(() => void poll());
  onCleanup(() => {
    isActive = false;
    if (timer) clearTimeout(timer);
  });
  return (
    <Show when={progress()}>
      {(p) => (
        <div class="demo-banner" role="status" data-testid="demo-data-banner">
          <span class="spinner" aria-hidden="true" />
          <span>{t('demoData.loading', { done: p().done, total: p().total || '…' })}</span>
          <progress value={p().done} max={Math.max(1, p().total)} aria-label={t('demoData.progress')} />
        </div>
      )}
    </Show>
  );
};
