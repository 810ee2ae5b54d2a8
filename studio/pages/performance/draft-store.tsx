/** @module The draft version the designer pages edit (shared between them), its loading, creation and document saves. */
import type { Component } from 'solid-js';
import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiError } from '../../api.ts';
import type { RuleDocument, RuleSetSummary, VersionDetail } from '../../rule-sets-api.ts';
import { isConflict, ruleSetApi } from '../../rule-sets-api.ts';
import { local, pt } from './messages.ts';
import { errorText } from '../../lib/error-text.ts';

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
const [message, setMessage] = createSignal<{ kind: 'error' | 'success'; text: string } | null>(null);

/** The loaded version (draft or not), reactive. */
export { version as currentVersion };

/** The last save / load message, reactive. */
export { message as draftMessage };

/** Whether the loaded version can be edited. */
export const isEditable = (): boolean => version()?.status === 'draft';

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
  const detail = await ruleSetApi.version(ruleSetId, n);
  // A slower, older answer must not undo what came after it: a later load, or a save that already
  // holds a newer revision of the same version (the tree would show a deleted indicator again).
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

/**
 * Saves changed documents one after the other (each PUT bumps the revision), then removes the
 * `remove` documents (each DELETE bumps it too). On a revision conflict the latest version is
 * reloaded and the caller's edits are dropped.
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
    setMessage({ kind: 'success', text: pt('draft.saved', { revision: current.revision }) });
    return true;
  } catch (error) {
    if (isConflict(error)) {
      await loadVersion(current.ruleSetId, current.number);
      setMessage({ kind: 'error', text: pt('draft.conflict') });
    } else {
      setMessage({ kind: 'error', text: errorText(error) });
    }
    return false;
  }
};

/** Picks the rule set and draft version to edit; offers a new draft based on the version in force. */
export const DraftBar: Component<{ includePublished?: boolean }> = (props) => {
  const [sets, { refetch }] = createResource(async () => assessmentSets(await ruleSetApi.list()));
  const [isCreating, setCreating] = createSignal(false);
  const [error, setError] = createSignal('');
  const [setId, setSetId] = createSignal<string>(readStored()?.ruleSetId ?? '');

  const currentSet = (): RuleSetSummary | undefined =>
    sets()?.find((s) => s.id === (setId() || sets()?.[0]?.id));
  const choices = () =>
    (currentSet()?.versions ?? []).filter(
      (v) => v.status === 'draft' || (props.includePublished && v.status === 'published'),
    );

  // First render: reload the remembered version, else the newest draft.
  let isBooted = false;
  const boot = (): void => {
    if (isBooted || !sets()) return;
    isBooted = true;
    const stored = readStored();
    const set = currentSet();
    if (!set) return;
    const pick =
      stored && stored.ruleSetId === set.id && set.versions.some((v) => v.number === stored.n)
        ? stored.n
        : choices()[0]?.number;
    if (pick !== undefined && version()?.number !== pick) void loadVersion(set.id, pick);
  };

  const create = async (): Promise<void> => {
    const set = currentSet();
    if (!set) return;
    setCreating(true);
    setError('');
    try {
      const basedOn = set.inForce ?? set.versions.find((v) => v.status === 'published')?.number ?? 1;
      const detail = await ruleSetApi.createDraft(set.id, basedOn);
      setVersion(detail);
      remember(set.id, detail.number);
      await refetch();
      setMessage({ kind: 'success', text: pt('draft.created', { n: detail.number }) });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setCreating(false);
    }
  };

  return (
    <div class="perf-draftbar panel" data-testid="draft-bar">
      <Show when={sets()} fallback={<span class="muted">{pt('common.loading')}</span>}>
        {(() => {
          boot();
          return null;
        })()}
        <label class="perf-inline">
          <span>{pt('draft.ruleSet')}</span>
          <select
            value={currentSet()?.id ?? ''}
            onChange={(e) => {
              setSetId(e.currentTarget.value);
              const first = choices()[0];
              if (first) void loadVersion(e.currentTarget.value, first.number);
            }}
          >
            <For each={sets()}>{(s) => <option value={s.id}>{local(s.name)}</option>}</For>
          </select>
        </label>
        <label class="perf-inline">
          <span>{pt('draft.version')}</span>
          <select
            data-testid="draft-select"
            value={version()?.ruleSetId === currentSet()?.id ? String(version()?.number ?? '') : ''}
            onChange={(e) => {
              const set = currentSet();
              if (set && e.currentTarget.value) void loadVersion(set.id, Number(e.currentTarget.value));
            }}
          >
            <Show when={choices().length === 0}>
              <option value="">{pt('draft.none')}</option>
            </Show>
            <For each={choices()}>
              {(v) => (
                <option value={String(v.number)}>
                  v{v.number} · {v.status}
                </option>
              )}
            </For>
          </select>
        </label>
        <button
          type="button"
          class="btn btn--small"
          onClick={create}
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
      <Show when={error()}>
        <div class="alert alert--error" role="alert">
          {error()}
        </div>
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
