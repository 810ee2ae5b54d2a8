/**
 * @module Test-run panel (派单试算): a sample case described with pickers (category, channel, requester
 * type, street, grid, text) is routed through the saved version's routing table by
 * `POST /api/rule-sets/:id/versions/:n/route-test`; the panel shows the decision by name, the row that
 * matched and each of its conditions, and the close rows that did not match with the failing condition.
 */
import type { Component, JSX } from 'solid-js';
import { createSignal, For, Show } from 'solid-js';
import type { TableInput } from '../../../engine/core/tables/types.ts';
import { request } from '../../api/http.ts';
import type {
  PostApiRuleSetsIdVersionsNRouteTestResponse,
  PostApiRuleSetsIdVersionsNRouteTestResponseTableMatched,
} from '../../api/types.gen.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { showToast, Spinner } from '../../components/feedback.tsx';
import type { FieldOption } from '../../components/fields.tsx';
import { localText } from '../../i18n/index.ts';
import { errorText } from '../../lib/error-text.ts';
import { ctOr } from '../cases/messages.ts';
import type { RoutingRefs, Text2 } from './cell-model.ts';
import { cc, ccOr } from './messages.ts';
import { TitledPanel } from '../../components/titled-panel.tsx';

/** What the route-test answers: its HTTP response type, generated from /openapi.json. */
export type RouteTestResult = PostApiRuleSetsIdVersionsNRouteTestResponse;
/** A routing row of the answer (the one that matched or a near miss) with its conditions. */
type Row = PostApiRuleSetsIdVersionsNRouteTestResponseTableMatched;

const local = (t: Text2): string => localText(t);

/** One picker of the sample case: a select inside its label, “not set” first; choices from `options` or `children`. */
const SampleSelect: Component<{
  label: string;
  value: string;
  onValue: (value: string) => void;
  options?: readonly FieldOption[];
  testId?: string;
  children?: JSX.Element;
}> = (props) => (
  <label>
    {props.label}
    <select
      class="jf-input"
      data-testid={props.testId}
      value={props.value}
      onChange={(e) => props.onValue(e.currentTarget.value)}
    >
      <option value="">{cc('cc.test.unset')}</option>
      <For each={props.options ?? []}>{(option) => <option value={option.value}>{option.label}</option>}</For>
      {props.children}
    </select>
  </label>
);

/** Props of {@link RouteTestPanel}. */
export interface RouteTestPanelProps {
  ruleSetId: string;
  number: number;
  refs: RoutingRefs;
  /** The routing table's input columns (allowed values of the requester type). */
  inputs: readonly TableInput[];
  hasUnsaved: boolean;
  /** Called with the 0-based row that matched (null: none), to show it in the table. */
  onMatched: (row: number | null) => void;
}

const ConditionList: Component<{ row: Row }> = (props) => (
  <ul class="trace-conditions">
    <For each={props.row.conditions}>
      {(c) => (
        <li
          class={`trace-condition trace-condition--${c.isMet === true ? 'met' : c.isMet === false ? 'failed' : 'unknown'}`}
        >
          <span aria-hidden="true">{c.isMet === true ? '✓' : c.isMet === false ? '✗' : '·'}</span>{' '}
          <strong data-user-content>{c.input}</strong>
          {cc('cc.colon')}
          {local(c.condition)}{' '}
          <span class="muted small">
            {cc('cc.test.conditionNote', {
              value: local(c.value),
              state:
                c.isMet === true
                  ? cc('cc.test.met')
                  : c.isMet === false
                    ? cc('cc.test.notMet')
                    : cc('cc.test.unknown'),
            })}
          </span>
        </li>
      )}
    </For>
  </ul>
);

/** The test-run panel. */
export const RouteTestPanel: Component<RouteTestPanelProps> = (props) => {
  const [category, setCategory] = createSignal('');
  const [channel, setChannel] = createSignal('');
  const [requester, setRequester] = createSignal('');
  const [street, setStreet] = createSignal('');
  const [grid, setGrid] = createSignal('');
  const [text, setText] = createSignal('');
  const [result, setResult] = createSignal<RouteTestResult | null>(null);
  const [failure, setFailure] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const groups = () => {
    const map = new Map<string, RoutingRefs['categories']>();
    for (const c of props.refs.categories) {
      const g = local(c.group);
      map.set(g, [...(map.get(g) ?? []), c]);
    }
    return [...map.entries()];
  };
  const requesterTypes = () =>
    (props.inputs.find((i) => i.expression === 'case.requesterType')?.allowedValues ?? []).map(String);
  const streets = () => props.refs.units.filter((u) => u.kind === 'street');

  const run = async (): Promise<void> => {
    setBusy(true);
    setFailure('');
    try {
      const sample: Record<string, string> = { category: category() };
      if (channel()) sample.channel = channel();
      if (requester()) sample.requesterType = requester();
      if (street()) sample.streetId = street();
      if (grid().trim()) sample.gridId = grid().trim();
      if (text().trim()) sample.text = text().trim();
      const answer = await request<RouteTestResult>(
        'POST',
        `/api/rule-sets/${encodeURIComponent(props.ruleSetId)}/versions/${props.number}/route-test`,
        { case: sample },
      );
      setResult(answer);
      const matched = answer.tables.find((t) => t.matched)?.matched ?? null;
      props.onMatched(matched ? matched.index : null);
      showToast(cc('cc.test.done', { unit: local(answer.decision.leadUnit.name) }));
    } catch (error) {
      setResult(null);
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <TitledPanel
      level={3}
      titleId="route-test-title"
      title={cc('cc.test.title')}
      class="panel route-test"
      testId="route-test"
    >
      <p class="muted small">{cc('cc.test.intro')}</p>
      <Show when={props.hasUnsaved}>
        <p class="alert alert--warning small" data-testid="route-test-unsaved">
          {cc('cc.test.savedOnly')}
        </p>
      </Show>
      <div class="route-test__form">
        <SampleSelect
          label={cc('cc.test.category')}
          testId="route-test-category"
          value={category()}
          onValue={setCategory}
        >
          <For each={groups()}>
            {([group, list]) => (
              <optgroup label={group}>
                <For each={list}>{(c) => <option value={c.code}>{local(c.name)}</option>}</For>
              </optgroup>
            )}
          </For>
        </SampleSelect>
        <SampleSelect
          label={cc('cc.test.channel')}
          value={channel()}
          onValue={setChannel}
          options={props.refs.channels.map((c) => ({ value: c.code, label: local(c.label) }))}
        />
        <SampleSelect
          label={cc('cc.test.requester')}
          value={requester()}
          onValue={setRequester}
          options={requesterTypes().map((v) => ({ value: v, label: ccOr(`cc.requester.${v}`, v) }))}
        />
        <SampleSelect
          label={cc('cc.test.street')}
          value={street()}
          onValue={setStreet}
          options={streets().map((u) => ({ value: u.id, label: u.name }))}
        />
        <label>
          {cc('cc.test.grid')}
          <input class="jf-input" value={grid()} onInput={(e) => setGrid(e.currentTarget.value)} />
        </label>
        <label class="route-test__text">
          {cc('cc.test.text')}
          <textarea
            class="jf-input"
            rows={2}
            data-testid="route-test-text"
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
      </div>
      <button
        type="button"
        class="btn btn--primary"
        data-testid="route-test-run"
        disabled={busy() || category() === ''}
        onClick={() => void run()}
      >
        {busy() ? cc('cc.test.running') : cc('cc.test.run')}
      </button>
      <Show when={busy()}>
        <Spinner label={cc('cc.test.running')} testId="route-test-loading" />
      </Show>
      <ErrorAlert message={failure()} />
      <Show when={result()}>
        {(r) => (
          <div class="route-test__result" data-testid="route-test-result">
            <h4>{cc('cc.test.decision')}</h4>
            <dl class="route-test__decision" data-testid="route-test-decision">
              <dt>{cc('cc.leadUnit')}</dt>
              <dd data-testid="route-test-lead">{local(r().decision.leadUnit.name)}</dd>
              <dt>{cc('cc.assistingUnits')}</dt>
              <dd>
                {r()
                  .decision.assistingUnits.map((u) => local(u.name))
                  .join('、') || '—'}
              </dd>
              <dt>{cc('cc.priority')}</dt>
              <dd>{ctOr(`priority.${r().decision.priority}`, r().decision.priority)}</dd>
              <dt>{cc('cc.slaPolicy')}</dt>
              <dd>{local(r().decision.slaPolicy.name)}</dd>
            </dl>
            <p class="muted small">{cc('cc.test.asOf', { day: r().asOf })}</p>
            <Show when={r().decision.isFallback}>
              <p class="alert alert--warning">
                {cc('cc.test.fallback', { unit: local(r().decision.leadUnit.name) })}
              </p>
            </Show>
            <For each={r().tables}>
              {(t) => (
                <div class="route-test__table">
                  <Show
                    when={t.matched}
                    fallback={<p data-testid="route-test-no-match">{cc('cc.test.noMatch')}</p>}
                  >
                    {(m) => (
                      <div data-testid="route-test-matched">
                        <p>
                          <strong>{cc('cc.test.matchedRow', { n: m().index + 1 })}</strong>
                          <Show when={m().annotation}>
                            {(note) => <span class="muted"> — {note()}</span>}
                          </Show>{' '}
                          <button
                            type="button"
                            class="btn btn--small"
                            onClick={() => props.onMatched(m().index)}
                          >
                            {cc('cc.test.show')}
                          </button>
                        </p>
                        <h5>{cc('cc.test.why')}</h5>
                        <ConditionList row={m()} />
                      </div>
                    )}
                  </Show>
                  <Show when={t.nearMisses.length > 0}>
                    <details class="route-test__misses" data-testid="route-test-misses">
                      <summary>
                        {cc('cc.test.nearMisses')}（{t.nearMisses.length}）
                      </summary>
                      <For each={t.nearMisses}>
                        {(miss) => (
                          <div>
                            <p>
                              {cc('cc.test.missRow', { n: miss.index + 1 })}
                              <Show when={miss.annotation}>
                                {(note) => <span class="muted"> — {note()}</span>}
                              </Show>
                            </p>
                            <ConditionList row={miss} />
                          </div>
                        )}
                      </For>
                    </details>
                  </Show>
                </div>
              )}
            </For>
          </div>
        )}
      </Show>
    </TitledPanel>
  );
};
