/**
 * @module The dashboard overview: one month for every panel (by default the latest month whose
 * reporting deadline has passed, said on the page), the peer group, the light map, ranking bars,
 * score trends, 12345 case charts, red and black lists and comparisons.
 */
import type { Component } from 'solid-js';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { performanceApi } from '../../../api/performance.ts';
import { lightsDate } from '../dashboard-model.ts';
import { local, pt } from '../messages.ts';
import { LabelledInput, LabelledSelect, PerfPage } from '../page-parts.tsx';
import { pollWhileRecomputing } from '../recomputing-mark.tsx';
import { publishedVersion } from '../../../api/performance-dashboard.ts';
import { CasesPanel } from './cases-panel.tsx';
import { ComparisonsPanel } from './comparisons-panel.tsx';
import { groupName } from './dot.tsx';
import { type Categories, LightsPanel } from './lights-panel.tsx';
import { ListsPanel } from './lists-panel.tsx';
import { createDashboardMonth } from './month.ts';
import { dt } from './messages.ts';
import { Loaded } from './panel.tsx';
import { RankingsPanel } from './rankings-panel.tsx';
import { TrendsPanel } from './trends-panel.tsx';
import './dashboard.css';

/** Top-level indicators and grades of a published version (`ruleSetId@n`). */
async function categoriesOf(ruleSet: string): Promise<Categories | null> {
  const match = ruleSet.match(/^(.+)@(\d+)$/);
  if (!match) return null;
  const version = await publishedVersion(match[1]!, Number(match[2]));
  const docs = version.content.documents.filter((d) => d.kind === 'indicator') as unknown as {
    id: string;
    parentId?: string;
    code?: string;
    name: { zh: string; en: string };
  }[];
  const byId = new Map(docs.map((d) => [d.id, d]));
  const rootOf = (id: string): string => {
    let node = byId.get(id);
    while (node?.parentId && byId.has(node.parentId)) node = byId.get(node.parentId);
    return node?.id ?? id;
  };
  const policy = version.content.documents.find((d) => d.kind === 'assessmentPolicy') as
    | { grades?: { id: string; name: { zh: string; en: string } }[] }
    | undefined;
  return {
    roots: docs.filter((d) => !d.parentId),
    rootOf,
    grades: new Map((policy?.grades ?? []).map((g) => [g.id, g.name])),
  };
}

export const Overview: Component<{ basePath: string }> = (props) => {
  const shown = createDashboardMonth();
  const [lights, { refetch: refetchLights }] = createResource(
    () => (shown.month() ? (lightsDate({ period: shown.month(), today: shown.today() }) ?? '') : false),
    (asOf: string) => performanceApi.lights(asOf ? { asOf } : {}),
  );
  const [rankings, { refetch: refetchRankings }] = createResource(
    () => shown.month() || false,
    (period: string) => performanceApi.rankings({ period }),
  );
  pollWhileRecomputing(() => lights.latest?.recomputing, refetchLights);
  pollWhileRecomputing(() => rankings.latest?.recomputing, refetchRankings);
  const [categories] = createResource(() => lights.latest?.ruleSet, categoriesOf);
  const [group, setGroup] = createSignal('');
  const groups = () => rankings.latest?.groups ?? [];
  // Default to the largest peer group: a one-unit group ranks nothing.
  const largestGroup = () =>
    groups().reduce<{ group: string; rows: unknown[] } | undefined>(
      (best, g) => (best === undefined || g.rows.length > best.rows.length ? g : best),
      undefined,
    )?.group;
  const currentGroup = () => groups().find((g) => g.group === (group() || largestGroup()));
  const groupLabel = () => groupName(currentGroup()?.group ?? '');
  const unitNames = createMemo(() => {
    const names = new Map<string, { zh: string; en: string }>();
    for (const u of lights.latest?.units ?? []) names.set(u.id, u.name);
    for (const g of rankings.latest?.groups ?? []) for (const r of g.rows) names.set(r.unitId, r.name);
    return names;
  });
  const unitName = (id: string) => local(unitNames().get(id)) || id;

  return (
    <PerfPage title={pt('dash.title')} intro={pt('dash.intro')}>
      <Loaded
        data={shown.month()}
        error={shown.context.error}
        label={dt('month.loading')}
        testId="month-loading"
      >
        {(month) => (
          <>
            <div
              class="dash-month"
              data-testid="dash-shown-month"
              data-month={month()}
              data-closed={String(shown.isClosed())}
            >
              <span class="dash-month__shown">{dt('month.shown', { month: month() })}</span>
              <Show when={shown.deadline()}>
                {(deadline) => (
                  <span
                    class={shown.isClosed() ? 'muted' : 'dash-month__hint--open'}
                    data-testid="dash-month-hint"
                  >
                    {dt(
                      !shown.isClosed()
                        ? 'month.openHint'
                        : month() === shown.context()?.closed?.month
                          ? 'month.closedHint'
                          : 'month.pastHint',
                      {
                        month: month(),
                        deadline: deadline(),
                      },
                    )}
                  </span>
                )}
              </Show>
              <Show
                when={
                  shown.picked() &&
                  shown.context()?.closed &&
                  shown.picked() !== shown.context()!.closed!.month
                }
              >
                <button
                  type="button"
                  class="btn btn--small"
                  data-testid="dash-month-latest"
                  onClick={() => shown.setPicked('')}
                >
                  {dt('month.latest')}
                </button>
              </Show>
            </div>
            <div class="perf-toolbar">
              <LabelledSelect
                wrap="perf-inline"
                label={pt('dash.peerGroup')}
                data-testid="dash-group"
                value={currentGroup()?.group ?? ''}
                onValue={setGroup}
              >
                <For each={groups()}>
                  {(g) => (
                    <option value={g.group} selected={g.group === currentGroup()?.group}>
                      {groupName(g.group)}
                    </option>
                  )}
                </For>
              </LabelledSelect>
              <LabelledInput
                wrap="perf-inline"
                label={pt('dash.month')}
                type="month"
                data-testid="dash-month"
                value={month()}
                max={shown.today() ? shown.today().slice(0, 7) : undefined}
                onValue={(m) => shown.setPicked(m)}
              />
            </div>
            <LightsPanel
              reply={lights.latest}
              error={lights.error}
              isLoading={lights.loading}
              categories={categories()}
              members={currentGroup()?.rows.map((r) => r.unitId)}
              groupLabel={groupLabel()}
              month={month()}
              basePath={props.basePath}
            />
            <RankingsPanel
              rows={currentGroup()?.rows ?? (rankings.latest && !rankings.loading ? [] : undefined)}
              error={rankings.error}
              recomputing={rankings.latest?.recomputing}
              groupLabel={groupLabel()}
              period={rankings.latest?.period ?? month()}
              basePath={props.basePath}
              gradeName={(id) => local(categories()?.grades.get(id)) || id}
            />
            <Show when={currentGroup()?.group}>
              {(g) => <TrendsPanel group={g()} groupLabel={groupLabel()} period={month()} />}
            </Show>
            <CasesPanel period={month()} unitName={unitName} />
            <ListsPanel period={month()} basePath={props.basePath} />
            <ComparisonsPanel
              period={month()}
              members={currentGroup()?.rows.map((r) => r.unitId)}
              unitName={unitName}
              basePath={props.basePath}
            />
          </>
        )}
      </Loaded>
    </PerfPage>
  );
};
