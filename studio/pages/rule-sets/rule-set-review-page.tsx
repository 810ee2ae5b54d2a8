/** @module Review screen: the semantic diff of a version against the version in force, and approve / reject / publish. */
import type { Component } from 'solid-js';
import { DataTable } from '../../components/data-table.tsx';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { OutcomeNote, type OutcomeNoteValue } from '../../components/fields.tsx';
import { busyWhile } from '../../lib/busy.ts';
import { errorText } from '../../lib/error-text.ts';
import { locale, t, tryT } from '../../i18n/index.ts';
import { href } from '../../router.ts';
import type { DiffReply, VersionDetail } from '../../api/rule-sets.ts';
import { ruleSetApi } from '../../api/rule-sets.ts';
import {
  editorPath,
  formatTime,
  kindText,
  otherTextOf,
  shortHash,
  StatusBadge,
  textOf,
  VersionPage,
} from './shared.tsx';
import { changeTone, groupByDocument } from './helpers.ts';
import { PageTitle } from '../../components/page-title.tsx';
import './rule-sets.css';

/** A step someone took on the version (submitted it, approved it): who and when, once it was taken. */
const SignedStep: Component<{ label: string; by?: string | null; at?: string | null }> = (props) => (
  <Show when={props.by}>
    <dt>{props.label}</dt>
    <dd>
      {props.by} · {formatTime(props.at)}
    </dd>
  </Show>
);

/** Compact JSON for before/after cells; long values stay scrollable rather than cut. */
const showValue = (value: unknown): string =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value, null, 1);

/** Props of the review screen. */
export interface RuleSetReviewProps {
  ruleSetId: string;
  versionNumber: number;
  canReview: boolean;
}

/** Shows what a version changes and lets a second admin decide. */
export const RuleSetReviewPage: Component<RuleSetReviewProps> = (props) => {
  const key = () => ({ id: props.ruleSetId, n: props.versionNumber, lang: locale() });
  const [data, { refetch }] = createResource(key, async ({ id, n }) => {
    const [set, version] = await Promise.all([ruleSetApi.get(id), ruleSetApi.version(id, n)]);
    // Compare with what is in force today; the in-force version itself is compared with the one it was based on.
    const baseline = set.inForce && set.inForce !== n ? set.inForce : (version.basedOn ?? null);
    const diff: DiffReply | null = baseline ? await ruleSetApi.diff({ id, n: baseline }, { id, n }) : null;
    return { set, version, baseline, diff };
  });
  const [comment, setComment] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<OutcomeNoteValue>(null);

  const groups = createMemo(() => groupByDocument(data.latest?.diff?.changes ?? []));

  const decide = async (action: () => Promise<VersionDetail>, done: (reply: VersionDetail) => string) => {
    setMessage(null);
    await busyWhile(
      setBusy,
      (error) => setMessage({ ok: false, text: errorText(error) }),
      async () => {
        const reply = await action();
        // Refresh first so the message and the new state appear together.
        await refetch();
        setMessage({ ok: true, text: done(reply) });
        setComment('');
      },
    );
  };

  const approve = () =>
    decide(
      () => ruleSetApi.approve(props.ruleSetId, props.versionNumber, comment().trim()),
      () => t('review.done.approved'),
    );
  const reject = () => {
    if (!comment().trim()) {
      setMessage({ ok: false, text: t('review.commentRequired') });
      return;
    }
    return decide(
      () => ruleSetApi.reject(props.ruleSetId, props.versionNumber, comment().trim()),
      () => t('review.done.rejected'),
    );
  };
  const publish = () =>
    decide(
      () => ruleSetApi.publish(props.ruleSetId, props.versionNumber),
      (reply) =>
        [
          t('ruleSets.done.published'),
          ...(reply.superseded ?? []).map((s) =>
            t(s.action === 'trimmed' ? 'ruleSets.done.trimmed' : 'ruleSets.done.superseded', {
              version: `${s.ruleSetId} v${s.number}`,
              to: s.effectiveTo ?? '',
            }),
          ),
        ].join(' '),
    );

  return (
    <VersionPage error={data.error}>
      <Show when={data.latest}>
        {(d) => (
          <>
            <div class="editor-head">
              <PageTitle>
                {t('review.title')} · {textOf(d().version.name ?? d().set.name)}{' '}
                <span class="mono">v{d().version.number}</span>
              </PageTitle>
              <StatusBadge status={d().version.status} />
              <span class="spacer" />
              <a class="btn btn--small" href={href(editorPath(props.ruleSetId, props.versionNumber))}>
                {t('review.openDocuments')}
              </a>
            </div>
            <dl class="facts">
              <dt>{t('review.comparedWith')}</dt>
              <dd data-testid="baseline">
                {d().baseline
                  ? t(
                      d().baseline === d().set.inForce ? 'review.baselineInForce' : 'review.baselineBasedOn',
                      {
                        version: `v${d().baseline}`,
                      },
                    )
                  : t('review.noBaseline')}
              </dd>
              <dt>{t('ruleSets.col.author')}</dt>
              <dd>
                {d().version.createdBy ?? '—'} · {formatTime(d().version.createdAt)}
              </dd>
              <SignedStep
                label={t('review.submittedBy')}
                by={d().version.submittedBy}
                at={d().version.submittedAt}
              />
              <SignedStep
                label={t('ruleSets.col.approver')}
                by={d().version.approvedBy}
                at={d().version.approvedAt}
              />
              <Show when={d().version.sha256}>
                <dt>sha256</dt>
                <dd class="mono" title={d().version.sha256 ?? undefined}>
                  {shortHash(d().version.sha256)}
                </dd>
              </Show>
              <Show when={d().version.reviewComment}>
                <dt>{t('review.lastComment')}</dt>
                <dd>{d().version.reviewComment}</dd>
              </Show>
            </dl>
            <OutcomeNote note={message()} testId="review-message" class="page-alert" />
            <Show
              when={
                props.canReview && (d().version.status === 'inReview' || d().version.status === 'approved')
              }
            >
              <div class="panel decision" data-testid="decision">
                <h2 class="panel__title">{t('review.decision')}</h2>
                <Show when={d().version.status === 'inReview'}>
                  <label class="field" for="review-comment">
                    {t('review.comment')}
                  </label>
                  <textarea
                    id="review-comment"
                    class="jf-input jf-textarea"
                    rows={3}
                    value={comment()}
                    onInput={(e) => setComment(e.currentTarget.value)}
                    placeholder={t('review.commentHint')}
                  />
                  <div class="form-actions">
                    <button type="button" class="btn btn--primary" disabled={busy()} onClick={approve}>
                      {t('review.approve')}
                    </button>
                    <button type="button" class="btn btn--danger" disabled={busy()} onClick={reject}>
                      {t('review.reject')}
                    </button>
                    <span class="muted small">{t('review.fourEyesHint')}</span>
                  </div>
                </Show>
                <Show when={d().version.status === 'approved'}>
                  <p>{t('review.approvedHint')}</p>
                  <div class="form-actions">
                    <button type="button" class="btn btn--primary" disabled={busy()} onClick={publish}>
                      {t('ruleSets.action.publish')}
                    </button>
                    <button
                      type="button"
                      class="btn btn--danger"
                      disabled={busy() || !comment().trim()}
                      onClick={reject}
                    >
                      {t('review.reject')}
                    </button>
                    <input
                      class="jf-input"
                      aria-label={t('review.comment')}
                      placeholder={t('review.commentHint')}
                      value={comment()}
                      onInput={(e) => setComment(e.currentTarget.value)}
                    />
                  </div>
                </Show>
              </div>
            </Show>
            <h2 class="section-title">
              {t('review.changes')}
              <span class="badge" data-testid="change-count">
                {d().diff?.changes.length ?? 0}
              </span>
            </h2>
            <div class="legend muted small">
              <span class="tone tone--added">{t('review.tone.added')}</span>
              <span class="tone tone--removed">{t('review.tone.removed')}</span>
              <span class="tone tone--changed">{t('review.tone.changed')}</span>
            </div>
            <Show when={groups().length > 0} fallback={<p class="muted">{t('review.noChanges')}</p>}>
              <div data-testid="diff">
                <For each={groups()}>
                  {(group) => (
                    <div class="panel diff-group" data-doc={group.key}>
                      <h3 class="diff-group__title">
                        <span class="kind-tag">{kindText(group.kind)}</span>
                        <span class="mono">{group.documentId}</span>
                        <span class="badge">{group.entries.length}</span>
                      </h3>
                      <DataTable
                        wrap={false}
                        class="table diff-table"
                        rows={group.entries}
                        rowProps={(entry) => ({
                          class: `diff-row diff-row--${changeTone(entry.change)}`,
                          'data-change': entry.change,
                        })}
                        columns={[
                          {
                            key: 'change',
                            label: t('review.col.change'),
                            class: 'nowrap',
                            cell: (entry) => (
                              <>
                                <span class={`tone tone--${changeTone(entry.change)}`}>
                                  {tryT(`review.change.${entry.change}`) ?? entry.change}
                                </span>
                                <Show when={entry.path}>
                                  <div class="mono small muted">{entry.path}</div>
                                </Show>
                              </>
                            ),
                          },
                          {
                            key: 'summary',
                            label: t('review.col.summary'),
                            cell: (entry) => (
                              <>
                                <div class="diff-summary">{textOf(entry.summary)}</div>
                                <div class="muted small" lang={locale() === 'en' ? 'zh-CN' : 'en'}>
                                  {otherTextOf(entry.summary)}
                                </div>
                              </>
                            ),
                          },
                          {
                            key: 'before',
                            label: t('review.col.before'),
                            cell: (entry) => <pre class="value value--before">{showValue(entry.before)}</pre>,
                          },
                          {
                            key: 'after',
                            label: t('review.col.after'),
                            cell: (entry) => <pre class="value value--after">{showValue(entry.after)}</pre>,
                          },
                        ]}
                      />
                    </div>
                  )}
                </For>
              </div>
            </Show>
          </>
        )}
      </Show>
    </VersionPage>
  );
};
