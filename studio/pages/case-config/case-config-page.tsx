/** @module Case configuration (办件配置): routing table (pickers, condition builder, test-run), workflow and SLA documents of a rule-set version, saved to its draft; published versions are shown read-only. */
import type { Component } from 'solid-js';
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  For,
  Match,
  on,
  onMount,
  Show,
  Switch,
  untrack,
} from 'solid-js';
import type { DecisionTable } from '../../../engine/core/tables/types.ts';
import type { RuleDocument, VersionDetail } from '../../api/rule-sets.ts';
import { isConflict, ruleSetApi } from '../../api/rule-sets.ts';
import { ct, localText } from '../cases/messages.ts';
import { PageTitle } from '../../components/page-title.tsx';
import '../rule-sets/rule-sets.css';
import '../cases/cases.css';
import './case-config.css';
import { CaseWhatIfPanel } from './case-what-if-panel.tsx';
import { RoutingTableEditor } from './routing-table-editor.tsx';
import { WorkflowEditor } from './workflow-editor.tsx';
import { CaseMetricsPanel } from '../cases/case-metrics-panel.tsx';
import { allUnits, loadUnits } from '../cases/shared.tsx';
import { busyWhile } from '../../lib/busy.ts';
import { errorText } from '../../lib/error-text.ts';
import { showToast, Skeleton } from '../../components/feedback.tsx';
import { TabBar } from '../../components/fields.tsx';
import { locale } from '../../i18n/index.ts';
import type { RoutingRefs, Text2 } from './cell-model.ts';
import { cc, ccOr } from './messages.ts';
import { RouteTestPanel } from './route-test-panel.tsx';

type Tab = 'routing' | 'workflow' | 'metrics';

const caseKinds = new Set(['routingTable', 'workflow', 'slaPolicy']);

/** The page at `#/case-config`. */
export const CaseConfigPage: Component<{ canEdit: boolean }> = (props) => {
  const [ruleSets, { refetch: refetchRuleSets }] = createResource(() => ruleSetApi.list());
  const [ruleSetId, setRuleSetId] = createSignal('');
  const [versionNumber, setVersionNumber] = createSignal<number | null>(null);
  const [detail, setDetail] = createSignal<VersionDetail | null>(null);
  const [docs, setDocs] = createSignal<RuleDocument[]>([]);
  /** Every document of the version: intake forms (categories) and the workflow (channels) feed the pickers. */
  const [allDocs, setAllDocs] = createSignal<RuleDocument[]>([]);
  const [isLoading, setLoading] = createSignal(false);
  const [matchedRow, setMatchedRow] = createSignal<number | null>(null);
  onMount(() => void loadUnits());
  const [dirty, setDirty] = createSignal<Set<string>>(new Set());
  const [tab, setTab] = createSignal<Tab>('routing');
  const [notice, setNotice] = createSignal('');
  const [failure, setFailure] = createSignal('');
  const [isBusy, setBusy] = createSignal(false);

  // Default: the rule set whose id mentions cases, else the first; its newest draft, else the newest version.
  createEffect(
    on(ruleSets, (sets) => {
      if (!sets || ruleSetId()) return;
      const chosen = sets.find((s) => s.id.includes('case')) ?? sets[0];
      if (chosen) setRuleSetId(chosen.id);
    }),
  );
  const versions = () => ruleSets()?.find((s) => s.id === ruleSetId())?.versions ?? [];
  createEffect(
    on(ruleSetId, () => {
      const list = versions();
      const pick = list.find((v) => v.status === 'draft') ?? list[0];
      setVersionNumber(pick ? pick.number : null);
    }),
  );

  const fail = (error: unknown): void => {
    setFailure(errorText(error));
  };
  const load = async (): Promise<void> => {
    const id = ruleSetId();
    const n = versionNumber();
    setFailure('');
    if (!id || n === null) return;
    await busyWhile(setLoading, fail, async () => {
      const version = await ruleSetApi.version(id, n);
      setDetail(version);
      setAllDocs(version.content.documents);
      setDocs(version.content.documents.filter((d) => caseKinds.has(d.kind)));
      setDirty(new Set<string>());
      setMatchedRow(null);
    });
  };
  const statusText = (status: string): string => ccOr(`cc.status.${status}`, status);
  const refs = createMemo((): RoutingRefs => {
    const categories: RoutingRefs['categories'] = [];
    for (const d of allDocs()) {
      const cat = (d as { caseCategory?: { code: string; group?: Text2 } }).caseCategory;
      if (d.kind !== 'form' || !cat) continue;
      const name = d.name as Text2;
      categories.push({ code: cat.code, name, group: cat.group ?? name });
    }
    const workflow =
      docs().find((d) => d.kind === 'workflow') ?? allDocs().find((d) => d.kind === 'workflow');
    return {
      categories,
      units: allUnits().map((u) => ({
        id: u.id,
        name: locale() === 'en' && u.nameEn ? u.nameEn : u.name,
        kind: u.kind,
        parentId: u.parentId,
      })),
      channels: ((workflow?.channels ?? []) as { code: string; label: Text2 }[]).map((c) => ({
        code: c.code,
        label: c.label,
      })),
      slaPolicies: docs()
        .filter((d) => d.kind === 'slaPolicy')
        .map((d) => ({ id: d.id, name: (d.name as Text2) ?? { zh: d.id, en: d.id } })),
    };
  });
  createEffect(
    on([ruleSetId, versionNumber], ([id, n]) => {
      // A draft just created is already on screen; reloading it would race with, and drop, the first edits.
      const shown = untrack(detail);
      if (shown && shown.ruleSetId === id && shown.number === n) return;
      void load();
    }),
  );

  const isDraft = () => detail()?.status === 'draft';
  const canEdit = () => props.canEdit && isDraft();
  const keyOf = (doc: RuleDocument): string => `${doc.kind}/${doc.id}`;
  const replaceDoc = (doc: RuleDocument): void => {
    setDocs((prev) => prev.map((d) => (keyOf(d) === keyOf(doc) ? doc : d)));
    setDirty((prev) => new Set([...prev, keyOf(doc)]));
    setNotice('');
  };
  const routing = () => docs().find((d) => d.kind === 'routingTable');

  const createDraft = async (): Promise<void> => {
    const current = detail();
    if (!current) return;
    await busyWhile(setBusy, fail, async () => {
      const draft = await ruleSetApi.createDraft(current.ruleSetId, current.number);
      setDetail(draft);
      setAllDocs(draft.content.documents);
      setDocs(draft.content.documents.filter((d) => caseKinds.has(d.kind)));
      setDirty(new Set<string>());
      await refetchRuleSets();
      setVersionNumber(draft.number);
      showToast(cc('cc.draftCreated', { n: draft.number }));
    });
  };

  const save = async (): Promise<void> => {
    const start = detail();
    if (!start) return;
    setFailure('');
    setNotice('');
    // A conflict (another save came first) is said in words.
    const failSave = (error: unknown) =>
      setFailure(isConflict(error) ? ct('config.conflict') : errorText(error));
    await busyWhile(setBusy, failSave, async () => {
      let current = start;
      for (const doc of docs().filter((d) => dirty().has(keyOf(d)))) {
        current = await ruleSetApi.putDocument({
          id: current.ruleSetId,
          n: current.number,
          revision: current.revision,
          document: doc,
        });
        setDetail(current);
        setDirty((prev) => {
          const next = new Set(prev);
          next.delete(keyOf(doc));
          return next;
        });
      }
      showToast(ct('config.saved', { revision: current.revision }));
    });
  };

  return (
    <section class="page page--wide" aria-labelledby="page-title">
      <PageTitle>{ct('config.title')}</PageTitle>
      <p class="muted">{ct('config.intro')}</p>
      <div class="toolbar">
        <label for="config-rule-set">{ct('config.ruleSet')}</label>
        <select
          id="config-rule-set"
          class="jf-input input--auto"
          value={ruleSetId()}
          onChange={(e) => setRuleSetId(e.currentTarget.value)}
        >
          <For each={ruleSets() ?? []}>
            {(s) => <option value={s.id}>{localText(s.name as never) || s.id}</option>}
          </For>
        </select>
        <label for="config-version">{ct('config.version')}</label>
        <select
          id="config-version"
          class="jf-input input--auto"
          value={versionNumber() ?? ''}
          onChange={(e) => setVersionNumber(Number(e.currentTarget.value))}
        >
          <For each={versions()}>
            {(v) => (
              <option value={v.number}>
                v{v.number} · {statusText(v.status)}
              </option>
            )}
          </For>
        </select>
        <Show when={detail()}>
          {(d) => (
            <span class={`state state--${d().status}`} data-testid="version-status">
              {statusText(d().status)}
            </span>
          )}
        </Show>
        <span class="spacer" />
        <Show when={dirty().size > 0}>
          <span class="unsaved" data-testid="unsaved">
            {ct('config.unsaved')}
          </span>
        </Show>
        <Show when={props.canEdit && isDraft()}>
          <button
            type="button"
            class="btn btn--primary"
            disabled={isBusy() || dirty().size === 0}
            onClick={save}
          >
            {isBusy() ? ct('config.saving') : ct('config.save')}
          </button>
        </Show>
        <Show when={detail() && !isDraft()}>
          <span class="muted small" data-testid="read-only-note">
            {cc('cc.readOnly', { status: statusText(detail()!.status) })}
          </span>
        </Show>
        <Show when={props.canEdit && detail() && !isDraft()}>
          <button type="button" class="btn" disabled={isBusy()} onClick={createDraft}>
            {ct('config.createDraft')}
          </button>
        </Show>
      </div>
      <Show when={notice()}>
        <div class="alert alert--success page-alert" role="status" data-testid="config-notice">
          {notice()}
        </div>
      </Show>
      <Show when={failure()}>
        <div class="alert alert--error page-alert" role="alert">
          {failure()}
          <button type="button" class="btn btn--small" onClick={() => void load()}>
            {ct('config.reload')}
          </button>
        </div>
      </Show>
      <TabBar
        tabs={[
          { id: 'routing', label: ct('config.routingTab') },
          { id: 'workflow', label: ct('config.workflowTab') },
          { id: 'metrics', label: ct('metrics.title') },
        ]}
        current={tab()}
        onSelect={(id) => {
          if (id === 'metrics') void loadUnits();
          setTab(id as Tab);
        }}
      />
      <Show when={ruleSets.loading || isLoading()}>
        <Skeleton rows={6} label={ruleSets.loading ? cc('cc.loading') : cc('cc.loadingVersion')} />
      </Show>
      <Switch>
        <Match when={tab() === 'routing' && !isLoading() && detail()}>
          <Show when={routing()} fallback={<p class="muted">{ct('config.noRouting')}</p>}>
            {(doc) => (
              <>
                <RoutingTableEditor
                  table={(doc() as unknown as { table: DecisionTable }).table}
                  canEdit={canEdit()}
                  refs={refs()}
                  highlight={matchedRow()}
                  onChange={(table) => replaceDoc({ ...doc(), table } as RuleDocument)}
                  onError={setFailure}
                />
                <Show when={detail()}>
                  {(d) => (
                    <RouteTestPanel
                      ruleSetId={d().ruleSetId}
                      number={d().number}
                      refs={refs()}
                      inputs={(doc() as unknown as { table: DecisionTable }).table.inputs}
                      hasUnsaved={dirty().size > 0}
                      onMatched={setMatchedRow}
                    />
                  )}
                </Show>
              </>
            )}
          </Show>
          <Show when={isDraft() && detail()}>
            {(d) => (
              <CaseWhatIfPanel ruleSetId={d().ruleSetId} number={d().number} hasUnsaved={dirty().size > 0} />
            )}
          </Show>
        </Match>
        <Match when={tab() === 'workflow'}>
          <WorkflowEditor
            workflow={docs().find((d) => d.kind === 'workflow')}
            slaPolicies={docs().filter((d) => d.kind === 'slaPolicy')}
            canEdit={canEdit()}
            onChange={replaceDoc}
          />
        </Match>
        <Match when={tab() === 'metrics'}>
          {/* Admins have no case console; the metrics of the cases this configuration governs are here. */}
          <CaseMetricsPanel />
        </Match>
      </Switch>
    </section>
  );
};
