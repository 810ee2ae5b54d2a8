/**
 * @module The version the designer pages show and edit (shared between them), its loading, creation and
 * document saves. Without a draft the pages show the published version read-only, with a "create a
 * draft to edit" action ({@link ReadOnlyNotice}).
 */
import type { Component, JSX } from 'solid-js';
import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import { Skeleton, showToast } from '../../components/feedback.tsx';
import { errorText } from '../../lib/error-text.ts';
import type { RuleDocument, RuleSetSummary, VersionDetail, VersionSummary } from '../../api/rule-sets.ts';
import { isConflict, ruleSetApi } from '../../api/rule-sets.ts';
import { dt, statusText } from './designer-messages.ts';
import { local, pt } from './messages.ts';
import { LabelledSelect } from './page-parts.tsx';

const storageKey = 'baton.perf.draft';

const readStored = (): { ruleSetId: string; n: number } | null => {
  try {
    const raw = globalThis.sessionStorage?.getItem(storageKey);
    return raw ? (JSON.parse(raw) as { ruleSetId: string; n: number }) : null;
  } catch {
    return null;
  }
};

const [version, setVersion] = createSignal<VersionDetail | null>(null);
/** Counts version loads: only the newest one may set the version. */
let loads = 0;
const [pending, setPending] = createSignal(0);
const [message, setMessage] = createSignal<{ kind: 'error' | 'success'; text: string } | null>(null);
/** The rule set the bar has chosen (for creating a draft from the read-only notice). */
const [chosenSet, setChosenSet] = createSignal<RuleSetSummary | undefined>(undefined);
const [isCreating, setCreating] = createSignal(false);
let refetchSets: (() => unknown) | undefined;

/** The loaded version (draft or not), reactive. */
export { version as currentVersion };

/** The last save / load message, reactive. */
export { message as draftMessage };

/** Whether the loaded version can be edited. */
export const isEditable = (): boolean => version()?.status === 'draft';

/** Whether a version is being loaded and none is shown yet. */
export const isVersionLoading = (): boolean => pending() > 0 && !version();

/** Documents of the loaded version of one kind. */
export const documentsOf = <T extends RuleDocument = RuleDocument>(kind: string): T[] =>
  (version()?.content.documents ?? []).filter((d) => d.kind === kind) as T[];

const remember = (ruleSetId: string, n: number): void => {
  try {
    globalThis.sessionStorage?.setItem(storageKey, JSON.stringify({ ruleSetId, n }));
  } catch {
    // storage off: the choice lasts until reload
  }
};

/** Loads a version into the shared store. */
export const loadVersion = async (ruleSetId: string, n: number): Promise<void> => {
  const mine = ++loads;
  setPending((p) => p + 1);
  let detail: VersionDetail;
  try {
    detail = await ruleSetApi.version(ruleSetId, n);
  } catch (error) {
    if (mine === loads) setMessage({ kind: 'error', text: errorText(error) });
    return;
  } finally {
    setPending((p) => p - 1);
  }
  // A slower, older answer must not undo what came after it: a later load, a created draft, or a save
  // that already holds a newer revision of the same version (the tree would show a deleted indicator again).
  if (mine !== loads) return;
  const held = version();
  if (
    held &&
    held.ruleSetId === detail.ruleSetId &&
    held.number === detail.number &&
    held.revision > detail.revision
  )
    return;
  setVersion(detail);
  remember(ruleSetId, n);
};

/** The assessment rule sets: those holding indicators, or else all of them. */
const assessmentSets = (sets: RuleSetSummary[]): RuleSetSummary[] => {
  const named = sets.filter((s) => !s.id.endsWith('-cases'));
  return named.length > 0 ? named : sets;
};

/** Versions the bar offers: drafts first (newest first), then the published ones. */
const viewable = (set: RuleSetSummary | undefined): VersionSummary[] => {
  const versions = set?.versions ?? [];
  const byNewest = (a: VersionSummary, b: VersionSummary) => b.number - a.number;
  return [
    ...versions.filter((v) => v.status === 'draft').sort(byNewest),
    ...versions.filter((v) => v.status === 'published').sort(byNewest),
  ];
};

/** The version to show first: the newest draft, else the version in force, else the newest published. */
const firstChoice = (set: RuleSetSummary): number | undefined => {
  const list = viewable(set);
  const draft = list.find((v) => v.status === 'draft');
  if (draft) return draft.number;
  if (set.inForce !== undefined && set.inForce !== null && list.some((v) => v.number === set.inForce))
    return set.inForce;
  return list[0]?.number;
};

/**
 * Saves changed documents one after the other (each PUT bumps the revision), then removes the
 * `remove` documents (each DELETE bumps it too). On a revision conflict the latest version is
 * reloaded and the caller's edits are dropped. A toast tells how it ended.
 */
export const saveDocuments = async (
  documents: RuleDocument[],
  remove: readonly { kind: string; id: string }[] = [],
): Promise<boolean> => {
  let current = version();
  if (!current) return false;
  // A load still in flight started before this save: its answer is older than what the save returns.
  loads += 1;
  setMessage(null);
  try {
    for (const document of documents) {
      current = await ruleSetApi.putDocument({
        id: current.ruleSetId,
        n: current.number,
        revision: current.revision,
        document,
      });
    }
    for (const doc of remove) {
      current = await ruleSetApi.deleteDocument({
        id: current.ruleSetId,
        n: current.number,
        revision: current.revision,
        kind: doc.kind,
        documentId: doc.id,
      });
    }
    setVersion(current);
    const text = pt('draft.saved', { revision: current.revision });
    setMessage({ kind: 'success', text });
    showToast(text, 'success');
    return true;
  } catch (error) {
    if (isConflict(error)) {
      await loadVersion(current.ruleSetId, current.number);
      setMessage({ kind: 'error', text: pt('draft.conflict') });
      showToast(pt('draft.conflict'), 'error');
    } else {
      setMessage({ kind: 'error', text: errorText(error) });
      showToast(errorText(error), 'error');
    }
    return false;
  }
};

/** Creates a draft of the chosen rule set based on the version in force (else the newest published). */
export const createDraft = async (): Promise<void> => {
  const set = chosenSet();
  if (!set || isCreating()) return;
  setCreating(true);
  setMessage(null);
  // A load still in flight (e.g. of the published version) must not replace the new draft.
  loads += 1;
  try {
    const basedOn = set.inForce ?? set.versions.find((v) => v.status === 'published')?.number ?? 1;
    const detail = await ruleSetApi.createDraft(set.id, basedOn);
    setVersion(detail);
    remember(set.id, detail.number);
    await refetchSets?.();
    const text = pt('draft.created', { n: detail.number });
    setMessage({ kind: 'success', text });
    showToast(text, 'success');
  } catch (e) {
    const text = errorText(e);
    setMessage({ kind: 'error', text });
    showToast(text, 'error');
  } finally {
    setCreating(false);
  }
};

/** Picks the rule set and the version to show (drafts and published ones); offers a new draft. */
export const DraftBar: Component = () => {
  const [sets, { refetch }] = createResource(async () => assessmentSets(await ruleSetApi.list()));
  refetchSets = refetch;
  const [setId, setSetId] = createSignal<string>(readStored()?.ruleSetId ?? '');

  const currentSet = (): RuleSetSummary | undefined => {
    const list = sets();
    return list?.find((s) => s.id === setId()) ?? list?.[0];
  };
  createEffect(() => setChosenSet(currentSet()));
  const choices = () => viewable(currentSet());

  // First render: reload the remembered version, else the newest draft, else the published one.
  let isBooted = false;
  const boot = (): void => {
    if (isBooted || !sets()) return;
    isBooted = true;
    const stored = readStored();
    const set = currentSet();
    if (!set) return;
    const pick =
      stored && stored.ruleSetId === set.id && choices().some((v) => v.number === stored.n)
        ? stored.n
        : firstChoice(set);
    const held = version();
    if (pick !== undefined && (held?.ruleSetId !== set.id || held.number !== pick))
      void loadVersion(set.id, pick);
  };

  return (
    <div class="perf-draftbar panel" data-testid="draft-bar">
      <Show when={sets()} fallback={<Skeleton rows={1} label={dt('designer.loadingSets')} />}>
        {(() => {
          boot();
          return null;
        })()}
        <LabelledSelect
          wrap="perf-inline"
          label={pt('draft.ruleSet')}
          value={currentSet()?.id ?? ''}
          onValue={(id) => {
            setSetId(id);
            const set = currentSet();
            const first = set && firstChoice(set);
            if (set && first !== undefined) void loadVersion(set.id, first);
          }}
        >
          <For each={sets()}>{(s) => <option value={s.id}>{local(s.name)}</option>}</For>
        </LabelledSelect>
        <LabelledSelect
          wrap="perf-inline"
          label={pt('draft.version')}
          data-testid="draft-select"
          value={version()?.ruleSetId === currentSet()?.id ? String(version()?.number ?? '') : ''}
          onValue={(n) => {
            const set = currentSet();
            if (set && n) void loadVersion(set.id, Number(n));
          }}
        >
          <Show when={choices().length === 0}>
            <option value="">{pt('draft.none')}</option>
          </Show>
          <For each={choices()}>
            {(v) => (
              <option value={String(v.number)} data-status={v.status}>
                {dt('designer.versionLabel', { n: v.number, status: statusText(v.status) })}
              </option>
            )}
          </For>
        </LabelledSelect>
        <button
          type="button"
          class="btn btn--small"
          onClick={() => void createDraft()}
          disabled={isCreating()}
          data-testid="draft-create"
        >
          {isCreating() ? pt('draft.creating') : pt('draft.create')}
        </button>
        <Show when={version()}>
          {(v) => (
            <span class="muted small" data-testid="draft-revision">
              {pt('draft.revision', { revision: v().revision })} ·{' '}
              {pt('draft.issues', { count: v().issues.filter((i) => i.severity !== 'warning').length })}
            </span>
          )}
        </Show>
      </Show>
      <Show when={message()}>
        {(m) => (
          <div
            class={`alert alert--${m().kind}`}
            role={m().kind === 'error' ? 'alert' : 'status'}
            data-testid="draft-message"
          >
            {m().text}
          </div>
        )}
      </Show>
    </div>
  );
};

/** Says that the shown version is read-only and offers to create a draft; nothing for a draft. */
export const ReadOnlyNotice: Component = () => (
  <Show when={version() && !isEditable() ? version() : undefined}>
    {(v) => (
      <div class="notice perf-readonly" role="note" data-testid="draft-readonly" data-status={v().status}>
        <span>{dt('designer.readOnly', { n: v().number, status: statusText(v().status) })}</span>{' '}
        <button
          type="button"
          class="btn btn--small btn--primary"
          data-testid="draft-create-to-edit"
          disabled={isCreating()}
          onClick={() => void createDraft()}
        >
          {isCreating() ? pt('draft.creating') : dt('designer.createToEdit')}
        </button>
      </div>
    )}
  </Show>
);

/**
 * The body of a designer page: a skeleton while the version loads, a hint when there is none, else the
 * read-only notice (for a version that is not a draft) and the page.
 */
export const VersionGate: Component<{ children: JSX.Element }> = (props) => (
  <Show
    when={version()}
    fallback={
      <Show
        when={!isVersionLoading() && chosenSet()}
        fallback={<Skeleton rows={4} label={dt('designer.loadingVersion')} testId="version-loading" />}
      >
        <p class="muted" data-testid="draft-pick">
          {viewable(chosenSet()).length === 0 ? `${dt('designer.noVersion')} ` : ''}
          {pt('draft.pick')}
        </p>
      </Show>
    }
  >
    <ReadOnlyNotice />
    {props.children}
  </Show>
);
