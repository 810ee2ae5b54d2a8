/** @module Document editor of a rule-set version: documents by kind, raw JSON editing with live validation, saves guarded by the revision. */
import type { Component } from 'solid-js';
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { OutcomeNote, type OutcomeNoteValue } from '../../components/fields.tsx';
import { busyWhile } from '../../lib/busy.ts';
import { errorText } from '../../lib/error-text.ts';
import { ApiError } from '../../api/http.ts';
import { t } from '../../i18n/index.ts';
import { href, navigate } from '../../router.ts';
import type { Issue, RuleDocument, VersionDetail } from '../../api/rule-sets.ts';
import { isConflict, ruleSetApi } from '../../api/rule-sets.ts';
import { DOCUMENT_KINDS as documentKinds } from '../../../engine/core/ruleset/kinds/registry.ts';
import { CalendarPanel } from './calendar-panel.tsx';
import { jsonPointerOffsets, lineAndColumn, lineOfPointer, syntaxErrorOffset } from './json-positions.ts';
import type { ShownIssue } from './shared.tsx';
import {
  ConfirmButton,
  IssueList,
  issueText,
  kindText,
  reviewPath,
  shortHash,
  StatusBadge,
  textOf,
  VersionPage,
} from './shared.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import './rule-sets.css';

const keyOf = (doc: { kind: string; id: string }): string => `${doc.kind}/${doc.id}`;
const pretty = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;
const validateDelayMs = 350;

/** Props: which version, and whether the user may change anything. */
export interface RuleSetEditorProps {
  ruleSetId: string;
  versionNumber: number;
  canEdit: boolean;
}

/** Issues of a whole content split into the selected document's (paths made document-relative) and the rest. */
const splitIssues = (
  all: Issue[],
  docs: RuleDocument[],
  index: number,
): { document: Issue[]; ruleSet: ShownIssue[] } => {
  const prefix = `/documents/${index}`;
  const document: Issue[] = [];
  const ruleSet: ShownIssue[] = [];
  for (const issue of all) {
    if (issue.path === prefix || issue.path.startsWith(`${prefix}/`)) {
      document.push({ ...issue, path: issue.path.slice(prefix.length) });
      continue;
    }
    const match = issue.path.match(/^\/documents\/(\d+)(\/.*)?$/);
    const doc = match ? docs[Number(match[1])] : undefined;
    ruleSet.push(doc ? { ...issue, path: match![2] ?? '', documentKey: keyOf(doc) } : issue);
  }
  return { document, ruleSet };
};

/** Edits the documents of a draft (read-only for other states and for auditors). */
export const RuleSetEditorPage: Component<RuleSetEditorProps> = (props) => {
  const [version, { refetch }] = createResource(
    () => ({ id: props.ruleSetId, n: props.versionNumber }),
    ({ id, n }) => ruleSetApi.version(id, n),
  );
  // Server truth as of `revision` (header, content, saved documents) plus the unsaved buffers by document key.
  const [summary, setSummary] = createSignal<VersionDetail | null>(null);
  const [saved, setSaved] = createSignal<RuleDocument[]>([]);
  const [buffers, setBuffers] = createSignal<Record<string, string>>({});
  const [revision, setRevision] = createSignal(0);
  const [selected, setSelected] = createSignal<string | null>(null);
  const [issues, setIssues] = createSignal<Issue[]>([]);
  const [isValidating, setValidating] = createSignal(false);
  const [ruleSetIssues, setRuleSetIssues] = createSignal<ShownIssue[]>([]);
  const [message, setMessage] = createSignal<OutcomeNoteValue>(null);
  const [isConflicted, setConflicted] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [newKind, setNewKind] = createSignal<string>('indicator');
  const [newId, setNewId] = createSignal('');
  const [confirmDelete, setConfirmDelete] = createSignal(false);
  const [filter, setFilter] = createSignal('');
  let textarea: HTMLTextAreaElement | undefined;
  let gutter: HTMLPreElement | undefined;

  const isEditable = () => props.canEdit && summary()?.status === 'draft';
  const indexOf = (key: string | null): number => {
    const index = saved().findIndex((d) => keyOf(d) === key);
    return index >= 0 ? index : saved().length;
  };

  /** Takes a version reply as the new truth; buffers survive only when asked (after a save of another document). */
  const accept = (detail: VersionDetail, keepBuffers: boolean): void => {
    setSummary(detail);
    setSaved(detail.content.documents);
    setRevision(detail.revision);
    if (!keepBuffers) setBuffers({});
    setConflicted(false);
    const current = selected();
    const exists = (key: string | null) =>
      key !== null && (detail.content.documents.some((d) => keyOf(d) === key) || key in buffers());
    if (!exists(current))
      setSelected(detail.content.documents[0] ? keyOf(detail.content.documents[0]) : null);
    const split = splitIssues(detail.issues, detail.content.documents, indexOf(selected()));
    setIssues(split.document);
    setRuleSetIssues(split.ruleSet);
  };

  const groups = createMemo(() => {
    const docs = saved();
    const pending = Object.keys(buffers())
      .filter((key) => !docs.some((d) => keyOf(d) === key))
      .map((key) => {
        const [kind, ...rest] = key.split('/');
        return { kind: kind!, id: rest.join('/'), name: undefined as unknown };
      });
    const needle = filter().trim().toLowerCase();
    const all = [
      ...docs.map((d) => ({ kind: d.kind, id: d.id, name: d.name as unknown })),
      ...pending,
    ].filter(
      (d) =>
        !needle ||
        d.id.toLowerCase().includes(needle) ||
        JSON.stringify(d.name ?? '')
          .toLowerCase()
          .includes(needle),
    );
    const kinds = [...new Set([...documentKinds, ...all.map((d) => d.kind)])];
    return kinds.map((kind) => ({ kind, docs: all.filter((d) => d.kind === kind) }));
  });

  const savedDoc = (key: string | null) => (key ? saved().find((d) => keyOf(d) === key) : undefined);
  const text = createMemo(() => {
    const key = selected();
    if (!key) return '';
    return buffers()[key] ?? pretty(savedDoc(key) ?? {});
  });
  const isDirty = (key: string | null): boolean => {
    if (!key) return false;
    const buffer = buffers()[key];
    if (buffer === undefined) return false;
    const original = savedDoc(key);
    return !original || buffer !== pretty(original);
  };
  const dirtyCount = () => Object.keys(buffers()).filter((key) => isDirty(key)).length;

  // Parse locally first: a syntax error needs no server round trip.
  const parsed = createMemo(
    (): { ok: true; value: unknown } | { ok: false; issue: Issue; line: number | undefined } => {
      try {
        return { ok: true, value: JSON.parse(text()) };
      } catch (error) {
        const offset = syntaxErrorOffset(text());
        const where = offset === undefined ? undefined : lineAndColumn(text(), offset);
        const detail = where
          ? t('editor.syntaxAt', { line: where.line, column: where.column })
          : error instanceof Error
            ? error.message
            : String(error);
        const message = t('editor.syntaxError', { detail });
        return {
          ok: false,
          line: where?.line,
          issue: { path: '', code: 'json.syntax', message, messageZh: message },
        };
      }
    },
  );

  // The server takes kind and id from the URL, so they must match the selected document.
  const identityIssues = createMemo((): Issue[] => {
    const result = parsed();
    const key = selected();
    if (!result.ok || !key) return [];
    const value = result.value as Partial<RuleDocument> | null;
    if (
      value &&
      typeof value === 'object' &&
      keyOf({ kind: String(value.kind), id: String(value.id) }) === key
    )
      return [];
    const message = t('editor.identityChanged', { key });
    return [{ path: '/id', code: 'editor.identity_changed', message, messageZh: message }];
  });

  const shownIssues = createMemo((): Issue[] => {
    const result = parsed();
    if (!result.ok) return [result.issue];
    return [...identityIssues(), ...issues()];
  });

  const offsets = createMemo(() => jsonPointerOffsets(text()));
  const issueLines = createMemo(() => {
    const lines = new Map<number, string>();
    const result = parsed();
    if (!result.ok) {
      if (result.line) lines.set(result.line, result.issue.message);
      return lines;
    }
    for (const issue of shownIssues()) {
      const line = lineOfPointer(text(), offsets(), issue.path);
      if (line && !lines.has(line)) lines.set(line, `${issue.path || '/'}: ${issueText(issue)}`);
    }
    return lines;
  });
  const lineCount = createMemo(() => text().split('\n').length);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  onCleanup(() => clearTimeout(timer));
  /** Validates the whole rule set with the edited document in place (debounced); stale replies are dropped. */
  const scheduleValidate = (): void => {
    clearTimeout(timer);
    const ticket = ++sequence;
    const result = parsed();
    const key = selected();
    const content = summary()?.content;
    if (!result.ok || !key || !content || !isEditable()) {
      setValidating(false);
      return;
    }
    setValidating(true);
    timer = setTimeout(async () => {
      const docs = saved();
      const index = indexOf(key);
      const value = result.value as RuleDocument;
      const documents =
        index < docs.length ? docs.map((d, i) => (i === index ? value : d)) : [...docs, value];
      try {
        const found = await ruleSetApi.validate({ ...content, documents });
        if (ticket !== sequence) return;
        const split = splitIssues(found, documents, index);
        setIssues(split.document);
        setRuleSetIssues(split.ruleSet);
      } catch (error) {
        if (ticket === sequence && error instanceof ApiError)
          setIssues([{ path: '', code: error.code, message: error.message, messageZh: error.message }]);
      } finally {
        if (ticket === sequence) setValidating(false);
      }
    }, validateDelayMs);
  };

  const select = (key: string): void => {
    setSelected(key);
    setConfirmDelete(false);
    const detail = summary();
    if (detail) setIssues(splitIssues(detail.issues, detail.content.documents, indexOf(key)).document);
    if (isDirty(key)) scheduleValidate();
  };

  const onInput = (value: string): void => {
    const key = selected();
    if (!key) return;
    setBuffers({ ...buffers(), [key]: value });
    setMessage(null);
    scheduleValidate();
  };

  const jumpTo = (pointer: string): void => {
    const line = lineOfPointer(text(), offsets(), pointer);
    if (!textarea || !line) return;
    const lines = text().split('\n');
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    textarea.focus();
    textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    textarea.scrollTop = Math.max(0, (line - 5) * 20);
  };
  const pickRuleSetIssue = (issue: ShownIssue): void => {
    if (issue.documentKey && issue.documentKey !== selected()) select(issue.documentKey);
    queueMicrotask(() => jumpTo(issue.path));
  };

  const failWith = (error: unknown): void => {
    if (isConflict(error)) {
      setConflicted(true);
      setMessage(null);
      return;
    }
    setMessage({ ok: false, text: errorText(error) });
  };

  /** Runs one change on the server: busy meanwhile, the last message cleared first, a failure shown by `failWith`. */
  const serverCall = (call: () => Promise<void>): Promise<void> => {
    setMessage(null);
    return busyWhile(setBusy, failWith, call);
  };

  const save = async (): Promise<void> => {
    const key = selected();
    const result = parsed();
    if (!key || !result.ok || identityIssues().length > 0) return;
    clearTimeout(timer);
    sequence++;
    setValidating(false);
    await serverCall(async () => {
      const reply = await ruleSetApi.putDocument({
        id: props.ruleSetId,
        n: props.versionNumber,
        revision: revision(),
        document: result.value as RuleDocument,
      });
      const { [key]: _saved, ...rest } = buffers();
      setBuffers(rest);
      accept(reply, true);
      setMessage({ ok: true, text: t('editor.saved', { revision: reply.revision }) });
    });
  };

  const addDocument = (): void => {
    const id = newId().trim();
    if (!id) return;
    const key = `${newKind()}/${id}`;
    if (groups().some((g) => g.docs.some((d) => keyOf(d) === key))) {
      setMessage({ ok: false, text: t('editor.duplicate', { key }) });
      return;
    }
    const skeleton = { kind: newKind(), id, schemaVersion: 1, name: { zh: '', en: '' } };
    setBuffers({ ...buffers(), [key]: pretty(skeleton) });
    setNewId('');
    select(key);
    scheduleValidate();
  };

  const deleteDocument = async (): Promise<void> => {
    const key = selected();
    const original = savedDoc(key);
    if (!key) return;
    const { [key]: _dropped, ...rest } = buffers();
    if (!original) {
      // Never saved: dropping the buffer is enough.
      setBuffers(rest);
      setSelected(saved()[0] ? keyOf(saved()[0]!) : null);
      setConfirmDelete(false);
      return;
    }
    await serverCall(async () => {
      const reply = await ruleSetApi.deleteDocument({
        id: props.ruleSetId,
        n: props.versionNumber,
        revision: revision(),
        kind: original.kind,
        documentId: original.id,
      });
      setBuffers(rest);
      accept(reply, true);
      setMessage({ ok: true, text: t('editor.deleted', { key }) });
    });
    setConfirmDelete(false);
  };

  const submit = (): Promise<void> =>
    serverCall(async () => {
      await ruleSetApi.submit(props.ruleSetId, props.versionNumber, revision());
      navigate(reviewPath(props.ruleSetId, props.versionNumber));
    });

  /** After a conflict: the server's copy replaces every unsaved edit (the user chose to). */
  const reload = async (): Promise<void> => {
    setMessage(null);
    await refetch();
  };

  const docLabel = (doc: { id: string; name?: unknown }): string => {
    const name = doc.name as { en: string; zh: string } | string | undefined;
    const label = textOf(name);
    return label ? `${label}` : '';
  };

  // Load (and reload) the version into the editor state whenever the server's copy arrives.
  createEffect(
    on(
      () => version.latest,
      (detail) => {
        if (detail) accept(detail, false);
      },
    ),
  );

  return (
    <VersionPage error={version.error}>
      <Show when={summary()}>
        {(detail) => (
          <>
            <div class="editor-head">
              <PageTitle>
                {isEditable() ? t('editor.title') : t('editor.titleReadOnly')} ·{' '}
                {textOf(detail().name ?? detail().content.name)} <span class="mono">v{detail().number}</span>
              </PageTitle>
              <StatusBadge status={detail().status} />
              <span class="muted small" data-testid="revision">
                {t('editor.revision', { revision: revision() })}
              </span>
              <Show when={detail().sha256}>
                <span class="muted small mono">sha256 {shortHash(detail().sha256)}</span>
              </Show>
              <span class="spacer" />
              <Show when={detail().status !== 'draft'}>
                <a class="btn btn--small" href={href(reviewPath(props.ruleSetId, props.versionNumber))}>
                  {t('ruleSets.action.diff')}
                </a>
              </Show>
              <Show when={isEditable()}>
                <button
                  type="button"
                  class="btn btn--primary"
                  disabled={busy() || dirtyCount() > 0 || isConflicted()}
                  title={dirtyCount() > 0 ? t('editor.saveFirst') : undefined}
                  onClick={submit}
                >
                  {t('ruleSets.action.submit')}
                </button>
              </Show>
            </div>
            <Show when={!isEditable()}>
              <p class="muted" data-testid="read-only-note">
                {props.canEdit ? t('editor.notDraft') : t('editor.readOnlyRole')}
              </p>
            </Show>
            <Show when={isConflicted()}>
              <div class="alert alert--error conflict" role="alert" data-testid="conflict">
                <strong>{t('editor.conflictTitle')}</strong>
                <p>{t('editor.conflictBody')}</p>
                <button type="button" class="btn btn--small" onClick={reload}>
                  {t('editor.reload')}
                </button>
              </div>
            </Show>
            <OutcomeNote note={message()} testId="editor-message" class="page-alert" />
            <div class="editor">
              <aside class="doc-list" aria-label={t('editor.documents')}>
                <input
                  type="search"
                  class="jf-input doc-list__filter"
                  aria-label={t('editor.filter')}
                  placeholder={t('editor.filter')}
                  value={filter()}
                  onInput={(e) => setFilter(e.currentTarget.value)}
                />
                <For each={groups()}>
                  {(group) => (
                    <Show when={group.docs.length > 0}>
                      <h2 class="doc-list__kind">
                        {kindText(group.kind)}
                        <span class="badge" data-testid={`count-${group.kind}`}>
                          {group.docs.length}
                        </span>
                      </h2>
                      <ul>
                        <For each={group.docs}>
                          {(doc) => (
                            <li>
                              <button
                                type="button"
                                class="doc-list__item"
                                aria-current={selected() === keyOf(doc) ? 'true' : undefined}
                                data-doc={keyOf(doc)}
                                onClick={() => select(keyOf(doc))}
                                title={doc.id}
                              >
                                {/* The name says which document it is; the id (its file key) only when it has none. */}
                                <Show when={!docLabel(doc)}>
                                  <code class="mono">{doc.id}</code>
                                </Show>
                                <Show when={isDirty(keyOf(doc))}>
                                  <span class="dirty" title={t('editor.unsaved')}>
                                    ●
                                  </span>
                                </Show>
                                <span class="doc-list__name">{docLabel(doc)}</span>
                              </button>
                            </li>
                          )}
                        </For>
                      </ul>
                    </Show>
                  )}
                </For>
                <Show when={isEditable()}>
                  <form
                    class="doc-add"
                    onSubmit={(event) => {
                      event.preventDefault();
                      addDocument();
                    }}
                  >
                    <h2 class="doc-list__kind">{t('editor.addDocument')}</h2>
                    <label class="sr-only" for="new-kind">
                      {t('editor.newKind')}
                    </label>
                    <select
                      id="new-kind"
                      class="jf-input"
                      value={newKind()}
                      onChange={(e) => setNewKind(e.currentTarget.value)}
                    >
                      <For each={documentKinds}>
                        {(kind) => <option value={kind}>{kindText(kind)}</option>}
                      </For>
                    </select>
                    <label class="sr-only" for="new-id">
                      {t('editor.newId')}
                    </label>
                    <input
                      id="new-id"
                      class="jf-input mono"
                      placeholder={t('editor.newId')}
                      value={newId()}
                      onInput={(e) => setNewId(e.currentTarget.value)}
                    />
                    <button type="submit" class="btn btn--small" disabled={!newId().trim()}>
                      {t('editor.add')}
                    </button>
                  </form>
                </Show>
              </aside>
              <div class="code-pane">
                <Show when={selected()} fallback={<p class="muted">{t('editor.noDocument')}</p>}>
                  {(key) => (
                    <>
                      <div class="code-pane__head">
                        {/* The raw view's locator: the document's kind and id, as the JSON below holds them. */}
                        <code class="mono" data-testid="selected-document">
                          {key()}
                        </code>
                        <Show when={isDirty(key())}>
                          <span class="badge">{t('editor.unsaved')}</span>
                        </Show>
                        <span class="spacer" />
                        <Show when={isEditable()}>
                          <ConfirmButton
                            label={t('editor.delete')}
                            confirmLabel={t('editor.confirmDelete')}
                            cancelLabel={t('ruleSets.action.cancel')}
                            confirming={confirmDelete()}
                            disabled={busy()}
                            onAsk={() => setConfirmDelete(true)}
                            onConfirm={deleteDocument}
                            onCancel={() => setConfirmDelete(false)}
                          />
                          <button
                            type="button"
                            class="btn btn--small btn--primary"
                            disabled={
                              busy() ||
                              !parsed().ok ||
                              identityIssues().length > 0 ||
                              isConflicted() ||
                              !isDirty(key())
                            }
                            onClick={save}
                          >
                            {busy() ? t('editor.saving') : t('editor.save')}
                          </button>
                        </Show>
                      </div>
                      <div class="code">
                        <pre class="code__gutter" aria-hidden="true" ref={gutter}>
                          <For each={Array.from({ length: lineCount() }, (_, i) => i + 1)}>
                            {(line) => (
                              <span
                                class={issueLines().has(line) ? 'code__line code__line--issue' : 'code__line'}
                                title={issueLines().get(line)}
                              >
                                {line}
                              </span>
                            )}
                          </For>
                        </pre>
                        <textarea
                          ref={textarea}
                          class="code__text"
                          aria-label={t('editor.jsonLabel', { key: key() })}
                          aria-invalid={shownIssues().length > 0 ? 'true' : undefined}
                          aria-describedby="document-issues"
                          data-testid="json-editor"
                          spellcheck={false}
                          wrap="off"
                          readOnly={!isEditable()}
                          value={text()}
                          onInput={(e) => onInput(e.currentTarget.value)}
                          onScroll={(e) => {
                            if (gutter) gutter.scrollTop = e.currentTarget.scrollTop;
                          }}
                          onKeyDown={(e) => {
                            if ((e.ctrlKey || e.metaKey) && e.key === 's') {
                              e.preventDefault();
                              if (isEditable()) void save();
                            }
                          }}
                        />
                      </div>
                    </>
                  )}
                </Show>
              </div>
              <aside class="issue-pane" aria-label={t('editor.issues')}>
                <h2 class="doc-list__kind" id="document-issues-title">
                  {t('editor.documentIssues')}
                  <Show when={isValidating()}>
                    <span class="muted small"> {t('editor.validating')}</span>
                  </Show>
                </h2>
                <div id="document-issues" aria-live="polite">
                  <IssueList
                    issues={shownIssues()}
                    testId="document-issues"
                    emptyText={isValidating() ? undefined : t('editor.noIssues')}
                    onPick={(issue) => jumpTo(issue.path)}
                  />
                </div>
                <h2 class="doc-list__kind">{t('editor.checkIssues')}</h2>
                <p class="muted small">{t('editor.checkHint')}</p>
                {/* The server runs the cross-document check only once the schema passes, so "no issues" means nothing then. */}
                <IssueList
                  issues={ruleSetIssues()}
                  testId="check-issues"
                  emptyText={shownIssues().length > 0 ? t('editor.checkPending') : t('editor.checkOk')}
                  isPending={shownIssues().length > 0}
                  onPick={pickRuleSetIssue}
                />
              </aside>
            </div>
            <CalendarPanel
              ruleSetId={props.ruleSetId}
              versionNumber={props.versionNumber}
              detail={detail()}
              revision={revision()}
              isEditable={isEditable()}
              onSaved={(reply) => accept(reply, true)}
            />
          </>
        )}
      </Show>
    </VersionPage>
  );
};
