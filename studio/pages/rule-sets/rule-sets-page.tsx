/** @module Rule-set list: every rule set with its versions, states and the lifecycle actions the user's role allows. */
import type { Component } from 'solid-js';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { OutcomeNote, type OutcomeNoteValue } from '../../components/fields.tsx';
import { Loaded } from '../../components/load-error.tsx';
import { errorText } from '../../lib/error-text.ts';
import { DataTable } from '../../components/data-table.tsx';
import { locale, t } from '../../i18n/index.ts';
import { href, navigate } from '../../router.ts';
import type { RuleSetSummary, VersionSummary } from '../../api/rule-sets.ts';
import { ruleSetApi } from '../../api/rule-sets.ts';
import {
  ConfirmButton,
  editorPath,
  formatTime,
  reviewPath,
  shortHash,
  StatusBadge,
  textOf,
} from './shared.tsx';
import { NextPeriodForm } from './next-period-form.tsx';
import { TimelineStrip } from './timeline-strip.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import './rule-sets.css';

/** The days a version governs: its effective period once published, else the content's period. */
const effectivePeriod = (set: RuleSetSummary, v: VersionSummary): string => {
  if (v.effectiveFrom) return `${v.effectiveFrom} ~ ${v.effectiveTo ?? '…'}`;
  const period = v.period ?? set.period;
  return period ? `${period.from} ~ ${period.to}` : '—';
};

/** Lists rule sets and versions; admins get the actions, auditors a read-only view. */
export const RuleSetsPage: Component<{ isReadOnly: boolean }> = (props) => {
  const [ruleSets, { refetch }] = createResource(locale, () => ruleSetApi.list());
  const [message, setMessage] = createSignal<OutcomeNoteValue>(null);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [confirmArchive, setConfirmArchive] = createSignal<string | null>(null);

  const run = async (key: string, action: () => Promise<unknown>, done: string): Promise<void> => {
    setBusy(key);
    setMessage(null);
    try {
      const extra = await action();
      setMessage({ ok: true, text: [done, ...(Array.isArray(extra) ? extra : [])].join(' ') });
      await refetch();
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    } finally {
      setBusy(null);
      setConfirmArchive(null);
    }
  };

  /** A new draft from the version in force, or a restore of any other version; then straight to the editor. */
  const createDraft = async (set: RuleSetSummary, from: VersionSummary): Promise<void> => {
    setBusy(`${set.id}@${from.number}:draft`);
    setMessage(null);
    try {
      const draft =
        from.number === set.inForce
          ? await ruleSetApi.createDraft(set.id, from.number)
          : await ruleSetApi.restore(set.id, from.number);
      navigate(editorPath(set.id, draft.number));
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
      setBusy(null);
    }
  };

  const publish = (set: RuleSetSummary, v: VersionSummary) =>
    run(
      `${set.id}@${v.number}:publish`,
      async () => {
        const reply = await ruleSetApi.publish(set.id, v.number);
        return (reply.superseded ?? []).map((s) =>
          t(s.action === 'trimmed' ? 'ruleSets.done.trimmed' : 'ruleSets.done.superseded', {
            version: `${s.ruleSetId} v${s.number}`,
            to: s.effectiveTo ?? '',
          }),
        );
      },
      t('ruleSets.done.published'),
    );

  const actions = (set: RuleSetSummary, v: VersionSummary) => {
    const key = `${set.id}@${v.number}`;
    const isBusy = () => busy() !== null;
    return (
      <div class="actions" data-testid={`actions-${v.number}`}>
        <a class="btn btn--small" href={href(editorPath(set.id, v.number))}>
          {v.status === 'draft' && !props.isReadOnly ? t('ruleSets.action.edit') : t('ruleSets.action.view')}
        </a>
        <Show when={v.status !== 'draft'}>
          <a class="btn btn--small" href={href(reviewPath(set.id, v.number))}>
            {v.status === 'inReview' && !props.isReadOnly
              ? t('ruleSets.action.review')
              : t('ruleSets.action.diff')}
          </a>
        </Show>
        <Show when={!props.isReadOnly}>
          <Switch>
            <Match when={v.status === 'draft'}>
              <button
                type="button"
                class="btn btn--small btn--primary"
                disabled={isBusy()}
                onClick={() =>
                  run(
                    `${key}:submit`,
                    () => ruleSetApi.submit(set.id, v.number, v.revision),
                    t('ruleSets.done.submitted'),
                  )
                }
              >
                {t('ruleSets.action.submit')}
              </button>
            </Match>
            <Match when={v.status === 'approved'}>
              <button
                type="button"
                class="btn btn--small btn--primary"
                disabled={isBusy()}
                onClick={() => publish(set, v)}
              >
                {t('ruleSets.action.publish')}
              </button>
            </Match>
            <Match when={v.status === 'published' || v.status === 'archived'}>
              <button
                type="button"
                class="btn btn--small"
                disabled={isBusy()}
                onClick={() => createDraft(set, v)}
              >
                {v.number === set.inForce ? t('ruleSets.action.newDraft') : t('ruleSets.action.restore')}
              </button>
            </Match>
          </Switch>
          <Show when={v.status === 'published' && !props.isReadOnly}>
            <NextPeriodForm ruleSetId={set.id} number={v.number} name={set.name} disabled={isBusy()} />
          </Show>
          <Show when={v.status !== 'archived'}>
            <ConfirmButton
              label={t('ruleSets.action.archive')}
              confirmLabel={t('ruleSets.action.confirmArchive')}
              cancelLabel={t('ruleSets.action.cancel')}
              confirming={confirmArchive() === key}
              disabled={isBusy()}
              onAsk={() => setConfirmArchive(key)}
              onConfirm={() =>
                run(`${key}:archive`, () => ruleSetApi.archive(set.id, v.number), t('ruleSets.done.archived'))
              }
              onCancel={() => setConfirmArchive(null)}
            />
          </Show>
        </Show>
      </div>
    );
  };

  return (
    <section class="page" aria-labelledby="page-title">
      <PageTitle>{t('ruleSets.title')}</PageTitle>
      <p class="muted">{props.isReadOnly ? t('ruleSets.introReadOnly') : t('ruleSets.intro')}</p>
      <TimelineStrip refreshKey={() => ruleSets()} />
      <OutcomeNote note={message()} testId="rule-sets-message" class="page-alert" />
      <Loaded resource={ruleSets}>
        {(sets) => (
          <Show when={sets().length > 0} fallback={<p>{t('ruleSets.empty')}</p>}>
            <For each={sets()}>
              {(set) => (
                <div class="panel" data-testid={`rule-set-${set.id}`}>
                  <h2 class="panel__title">
                    {textOf(set.name)} <span class="mono muted">{set.id}</span>
                  </h2>
                  <DataTable
                    testId="versions-table"
                    rows={set.versions}
                    rowProps={(v) => ({ 'data-testid': `version-${v.number}`, 'data-status': v.status })}
                    columns={[
                      {
                        key: 'number',
                        label: t('ruleSets.col.version'),
                        class: 'mono',
                        cell: (v) => (
                          <>
                            v{v.number}
                            <Show when={v.basedOn}>
                              <span class="muted small"> ← v{v.basedOn}</span>
                            </Show>
                          </>
                        ),
                      },
                      {
                        key: 'status',
                        label: t('ruleSets.col.status'),
                        cell: (v) => (
                          <>
                            <StatusBadge status={v.status} />
                            <Show when={set.inForce === v.number}>
                              <span class="state state--inForce" data-testid="in-force">
                                {t('ruleSets.inForce')}
                              </span>
                            </Show>
                            <Show when={v.supersededBy}>
                              <div class="muted small">
                                {t('ruleSets.supersededBy', { by: v.supersededBy })}
                              </div>
                            </Show>
                          </>
                        ),
                      },
                      {
                        key: 'period',
                        label: t('ruleSets.col.period'),
                        class: 'nowrap',
                        cell: (v) => effectivePeriod(set, v),
                      },
                      {
                        key: 'hash',
                        label: t('ruleSets.col.hash'),
                        class: 'mono',
                        title: (v) => v.sha256 ?? undefined,
                        cell: (v) => shortHash(v.sha256),
                      },
                      {
                        key: 'author',
                        label: t('ruleSets.col.author'),
                        cell: (v) => (
                          <>
                            {v.createdBy ?? '—'}
                            <div class="muted small">{formatTime(v.createdAt)}</div>
                          </>
                        ),
                      },
                      {
                        key: 'approver',
                        label: t('ruleSets.col.approver'),
                        cell: (v) => (
                          <>
                            {v.approvedBy ?? '—'}
                            <Show when={v.publishedBy && v.publishedBy !== v.approvedBy}>
                              <div class="small">{t('ruleSets.publishedBy', { name: v.publishedBy })}</div>
                            </Show>
                            <Show when={v.publishedAt ?? v.approvedAt}>
                              <div class="muted small">{formatTime(v.publishedAt ?? v.approvedAt)}</div>
                            </Show>
                          </>
                        ),
                      },
                      { key: 'actions', label: t('ruleSets.col.actions'), cell: (v) => actions(set, v) },
                    ]}
                  />
                </div>
              )}
            </For>
          </Show>
        )}
      </Loaded>
    </section>
  );
};
