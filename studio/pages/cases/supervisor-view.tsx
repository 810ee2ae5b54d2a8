/** @module Supervisor view (督办): pending supervision requests with approve/decline, and the cases under supervision with their deadlines. */
import type { Component } from 'solid-js';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { CaseDetail, CaseSummary } from '../../api/cases.ts';
import { DataTable } from '../../components/data-table.tsx';
import { OutcomeNote } from '../../components/fields.tsx';
import { TitledPanel } from '../../components/titled-panel.tsx';
import { casesApi } from '../../api/cases.ts';
import { errorText } from '../../lib/error-text.ts';
import { href } from '../../router.ts';
import { CaseTabs } from './case-tabs.tsx';
import { actionLabel } from './case-workflow.ts';
import { ct, formatWhen, localText } from './messages.ts';
import { CaseLoadError, SlaLightBadge, unitName } from './shared.tsx';
import { CaseTable } from './case-table.tsx';
import './cases.css';
import { PageTitle } from '../../components/page-title.tsx';

/** A pending request: the case, and its latest `requestSupervision` event. */
interface PendingRequest {
  item: CaseSummary;
  detail: CaseDetail;
  reason: string;
  requestedBy: string;
  requestedAt: string | null;
  canDecide: boolean;
}

const pendingOf = (item: CaseSummary, detail: CaseDetail): PendingRequest => {
  const request = [...detail.history]
    .reverse()
    .find((e) => e.type === 'transitioned' && e.payload.action === 'requestSupervision');
  return {
    item,
    detail,
    reason: String(request?.payload.input?.reason ?? ''),
    requestedBy: request?.actor?.username ?? '—',
    requestedAt: request?.at ?? null,
    canDecide: detail.availableActions.some((a) => a.action === 'approveSupervision'),
  };
};

/** The label of a decision: as the case's own rule-set version declares it, else as the workflow in force does. */
const decisionLabel = (request: PendingRequest, action: string): string =>
  localText(request.detail.availableActions.find((a) => a.action === action)?.label) || actionLabel(action);

/** Loads the supervisor queue; cases not yet supervised are there because a request waits. */
const loadSupervision = async (): Promise<{ pending: PendingRequest[]; supervised: CaseSummary[] }> => {
  const { items } = await casesApi.list({ queue: 'supervisor', limit: 200 });
  const waiting = items.filter((c) => c.supervisionLevel === 0);
  const details = await Promise.all(waiting.map((c) => casesApi.get(c.id)));
  return {
    pending: waiting.map((item, i) => pendingOf(item, details[i]!)),
    supervised: items.filter((c) => c.supervisionLevel > 0),
  };
};

/** The supervision page under `#/cases/supervision`. */
export const SupervisorView: Component<{ basePath: string }> = (props) => {
  const [data, { refetch }] = createResource(loadSupervision);
  const [opinions, setOpinions] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<{ ok: boolean; text: string } | null>(null);

  const decide = async (request: PendingRequest, isApproval: boolean): Promise<void> => {
    const opinion = (opinions()[request.item.id] ?? '').trim();
    setBusy(request.item.id);
    setNotice(null);
    try {
      await casesApi.act({
        id: request.item.id,
        action: isApproval ? 'approveSupervision' : 'rejectSupervision',
        input: opinion ? { opinion } : {},
      });
      setNotice({
        ok: true,
        text: ct(isApproval ? 'supervision.approved' : 'supervision.declined', {
          number: request.item.number,
        }),
      });
      await refetch();
    } catch (error) {
      setNotice({ ok: false, text: errorText(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="page page--wide" aria-labelledby="page-title">
      <div class="case-head">
        <PageTitle>{ct('supervision.title')}</PageTitle>
      </div>
      <CaseTabs basePath={props.basePath} current="supervision" />
      <p class="muted">{ct('supervision.intro')}</p>
      <OutcomeNote note={notice()} testId="supervision-notice" />
      <CaseLoadError error={data.error} />
      <TitledPanel titleId="supervision-pending-title" title={ct('supervision.pending')}>
        <DataTable
          class="table case-table"
          testId="supervision-pending"
          rows={data.latest?.pending}
          loading={data.loading}
          empty={ct('supervision.pendingEmpty')}
          rowProps={(request) => ({ 'data-case': request.item.number })}
          columns={[
            {
              key: 'number',
              label: ct('cases.number'),
              class: 'nowrap',
              cell: (request) => (
                <>
                  <a class="mono" href={href(`${props.basePath}/${request.item.id}`)}>
                    {request.item.number}
                  </a>
                  <div class="small muted">
                    {localText(request.item.categoryName) || request.item.category}
                  </div>
                </>
              ),
            },
            {
              key: 'title',
              label: ct('cases.summary'),
              class: 'case-table__title',
              cell: (request) => request.item.title,
            },
            { key: 'lead', label: ct('cases.lead'), cell: (request) => unitName(request.item.leadUnitId) },
            {
              key: 'reason',
              label: ct('supervision.reason'),
              cell: (request) => (
                <>
                  <div data-testid="supervision-reason">{request.reason || '—'}</div>
                  <div class="small muted">
                    {request.requestedBy} · {formatWhen(request.requestedAt)}
                  </div>
                </>
              ),
            },
            {
              key: 'light',
              label: ct('cases.light'),
              cell: (request) => <SlaLightBadge light={request.item.slaLight} />,
            },
            {
              key: 'decision',
              label: ct('supervision.decision'),
              cell: (request) => (
                <Show
                  when={request.canDecide}
                  fallback={<span class="muted small">{ct('supervision.readOnly')}</span>}
                >
                  <div class="supervision-decide">
                    <input
                      class="jf-input"
                      aria-label={ct('supervision.opinionFor', { number: request.item.number })}
                      placeholder={ct('supervision.opinion')}
                      value={opinions()[request.item.id] ?? ''}
                      onInput={(e) =>
                        setOpinions({ ...opinions(), [request.item.id]: e.currentTarget.value })
                      }
                    />
                    <For each={[true, false]}>
                      {(isApproval) => (
                        <button
                          type="button"
                          class={isApproval ? 'btn btn--primary btn--small' : 'btn btn--small'}
                          disabled={busy() !== null}
                          onClick={() => void decide(request, isApproval)}
                        >
                          {decisionLabel(request, isApproval ? 'approveSupervision' : 'rejectSupervision')}
                        </button>
                      )}
                    </For>
                  </div>
                </Show>
              ),
            },
          ]}
        />
      </TitledPanel>
      <TitledPanel titleId="supervision-cases-title" title={ct('supervision.supervised')}>
        <CaseTable
          testId="supervision-cases"
          rows={data.latest?.supervised}
          loading={data.loading}
          empty={ct('supervision.supervisedEmpty')}
          basePath={props.basePath}
          columns={['light', 'number', 'title', 'status', 'lead', 'dueAt']}
        />
      </TitledPanel>
    </section>
  );
};
