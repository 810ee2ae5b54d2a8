/** @module The timeline (时间线) of published rule sets: past, in force and next, by effective period, as the server resolves them. */
import type { Component } from 'solid-js';
import { createResource, For, Show } from 'solid-js';
import { request } from '../../api/http.ts';
import { locale } from '../../i18n/index.ts';

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

const labels = {
  zh: {
    title: '时间线',
    hint: '每项结果按其数据所属日期（填报期间、受理时间）采用当时生效的版本；明年的规则集可提前发布。',
    past: '已结束',
    inForce: '生效中',
    next: '待生效',
    assessment: '考核',
    cases: '办件',
    empty: '尚无已发布的规则集。',
  },
  en: {
    title: 'Timeline',
    hint: 'Every result uses the version in force on the date its data is about (an entry’s period, a case’s receipt); next year’s set can be published ahead.',
    past: 'Ended',
    inForce: 'In force',
    next: 'Upcoming',
    assessment: 'Assessment',
    cases: 'Cases',
    empty: 'No published rule set yet.',
  },
} as const;

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
  const l = () => labels[lang()];
  return (
    <section class="timeline-strip" aria-labelledby="timeline-title" data-testid="timeline">
      <h2 id="timeline-title" class="section-title">
        {l().title}
        <Show when={data()}>{(d) => <span class="muted small"> · {d().at}</span>}</Show>
      </h2>
      <p class="muted small">{l().hint}</p>
      <Show when={data()} fallback={<p class="muted">…</p>}>
        {(d) => (
          <Show when={d().items.length > 0} fallback={<p class="muted">{l().empty}</p>}>
            <ol class="timeline-strip__items">
              <For each={d().items}>
                {(item) => (
                  <li
                    class={`timeline-strip__item timeline-strip__item--${item.when}`}
                    data-testid={`timeline-${item.ruleSetId}-${item.number}`}
                    data-when={item.when}
                  >
                    <span class={`badge timeline-strip__badge--${item.when}`}>{l()[item.when]}</span>
                    <strong>{nameOf(item, lang())}</strong>
                    <span class="muted small">
                      {' '}
                      v{item.number} · {item.effectiveFrom} ~ {item.effectiveTo}
                    </span>
                    <span class="muted small"> · {item.carries.map((c) => l()[c]).join('、')}</span>
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
