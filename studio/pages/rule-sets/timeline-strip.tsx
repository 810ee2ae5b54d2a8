/** @module The timeline (时间线) of published rule sets: past, in force and next, by effective period, as the server resolves them. */
import type { Component } from 'solid-js';
import { createResource, For, Show } from 'solid-js';
import { request } from '../../api/http.ts';
import { locale } from '../../i18n/index.ts';
import { rt } from './messages.ts';

/** One published version on the timeline. */
export interface TimelineItem {
  timeline: string;
  ruleSetId: string;
  number: number;
  name: { zh: string; en: string } | string | null;
  effectiveFrom: string;
  effectiveTo: string;
  when: 'past' | 'inForce' | 'next';
  carries: Array<'assessment' | 'cases'>;
}

const nameOf = (item: TimelineItem, lang: 'zh' | 'en'): string =>
  item.name === null ? item.ruleSetId : typeof item.name === 'string' ? item.name : item.name[lang];

/** Past, in force and next published versions, one row per timeline. */
export const TimelineStrip: Component<{ refreshKey?: () => unknown }> = (props) => {
  // Reloads when the language changes or the caller's list does (after a publish or archive).
  const [data] = createResource(
    () => [locale(), props.refreshKey?.()] as const,
    () => request<{ at: string; items: TimelineItem[] }>('GET', '/api/rule-sets/timeline'),
  );
  const lang = () => (locale() === 'en' ? 'en' : 'zh');
  return (
    <section class="timeline-strip" aria-labelledby="timeline-title" data-testid="timeline">
      <h2 id="timeline-title" class="section-title">
        {rt('timeline.title')}
        <Show when={data()}>{(d) => <span class="muted small"> · {d().at}</span>}</Show>
      </h2>
      <p class="muted small">{rt('timeline.hint')}</p>
      <Show when={data()} fallback={<p class="muted">…</p>}>
        {(d) => (
          <Show when={d().items.length > 0} fallback={<p class="muted">{rt('timeline.empty')}</p>}>
            <ol class="timeline-strip__items">
              <For each={d().items}>
                {(item) => (
                  <li
                    class={`timeline-strip__item timeline-strip__item--${item.when}`}
                    data-testid={`timeline-${item.ruleSetId}-${item.number}`}
                    data-when={item.when}
                  >
                    <span class={`badge timeline-strip__badge--${item.when}`}>
                      {rt(`timeline.${item.when}`)}
                    </span>
                    <strong>{nameOf(item, lang())}</strong>
                    <span class="muted small">
                      {' '}
                      v{item.number} · {item.effectiveFrom} ~ {item.effectiveTo}
                    </span>
                    <span class="muted small">
                      {' '}
                      · {item.carries.map((c) => rt(`timeline.${c}`)).join('、')}
                    </span>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        )}
      </Show>
    </section>
  );
};
