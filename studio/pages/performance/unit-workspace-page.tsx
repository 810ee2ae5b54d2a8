/** @module Unit workspace (我的填报): the unit's monthly form (the month due next first), amendments from the same screen, the month's scores and entries. Parts live in ./workspace/. */
import type { Component } from 'solid-js';
import { createResource, createSignal, onCleanup, onMount, Show } from 'solid-js';
import { performanceApi } from '../../api/performance.ts';
import { user } from '../../session.ts';
import { local } from './messages.ts';
import { PerfPage } from './page-parts.tsx';
import type { MonthlyForm } from '../../api/performance-workspace.ts';
import { HistoryPanel } from './workspace/history-panel.tsx';
import { wt } from './workspace/messages.ts';
import { MonthlyFormPanel } from './workspace/monthly-form.tsx';
import { ScoresPanel } from './workspace/scores-panel.tsx';
import { AmendmentsPanel, IndicatorsPanel } from './workspace/side-panels.tsx';
import './performance.css';
import './workspace/workspace.css';

/** The month a link names (`#/my-forms?period=YYYY-MM`, e.g. from the home page's work queue); '' for the month due next. */
const linkedPeriod = (): string =>
  /[?&]period=(\d{4}-\d{2})\b/.exec(typeof location === 'undefined' ? '' : location.hash)?.[1] ?? '';

/** The unit workspace page (unit users; admins may pass through with their own unit). */
export const UnitWorkspacePage: Component = () => {
  const [period, setPeriod] = createSignal(linkedPeriod());
  // A link to another month while the page is open (e.g. #/my-forms?period=2026-10) opens that month.
  const followLink = () => {
    if (location.hash.startsWith('#/my-forms')) setPeriod(linkedPeriod());
  };
  onMount(() => window.addEventListener('hashchange', followLink));
  onCleanup(() => window.removeEventListener('hashchange', followLink));
  const [shown, setShown] = createSignal<MonthlyForm | null>(null);
  const [version, setVersion] = createSignal(0);
  const [indicators] = createResource(() => performanceApi.indicators());
  const [amendments, { refetch: refetchAmendments }] = createResource(
    () => version() + 1,
    () => performanceApi.amendments(),
  );
  // Names and schemas of every indicator seen in a loaded form (for the history and amendment labels).
  const seen = new Map<string, { name: string; schema: Record<string, unknown> }>();
  const [seenVersion, setSeenVersion] = createSignal(0);
  const remember = (form: MonthlyForm) => {
    for (const area of form.areas)
      for (const ind of area.indicators)
        seen.set(ind.indicatorId, { name: `${ind.code} ${local(ind.name)}`, schema: ind.schema });
    setSeenVersion(seenVersion() + 1);
    setShown(form);
  };
  const name = (id: string): string => {
    seenVersion();
    const hit = seen.get(id);
    if (hit) return hit.name;
    const listed = indicators.latest?.indicators.find((i) => i.indicatorId === id);
    return listed ? `${listed.code} ${local(listed.name)}` : id;
  };
  const schemaOf = (id: string) => {
    seenVersion();
    return seen.get(id)?.schema;
  };
  const changed = () => {
    setVersion(version() + 1);
    void refetchAmendments();
  };

  return (
    <PerfPage class="ws" title={wt('ws.title')} intro={wt('ws.intro')}>
      <Show
        when={user()?.unitId || !user()?.roles.includes('unit')}
        fallback={<p class="notice">{wt('ws.noUnit')}</p>}
      >
        <MonthlyFormPanel period={period} setPeriod={setPeriod} onChanged={changed} onLoaded={remember} />
        <Show when={shown()}>
          {(form) => (
            <>
              <ScoresPanel unitId={form().unitId} period={form().period} name={name} version={version()} />
              <AmendmentsPanel items={amendments.latest?.items} name={name} schemaOf={schemaOf} />
              <HistoryPanel
                unitId={form().unitId}
                period={form().period}
                name={name}
                schemaOf={schemaOf}
                version={version()}
              />
            </>
          )}
        </Show>
        <IndicatorsPanel items={indicators.latest?.indicators} />
      </Show>
    </PerfPage>
  );
};
