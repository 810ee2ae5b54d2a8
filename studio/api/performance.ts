/** @module HTTP client of the performance endpoints (docs/api-performance.md): workspace, ledger, amendments, lights, rankings, reports, what-if. */
import type {
  Amendment,
  FormCheck,
  GetApiJobsIdResponse,
  GetApiPerformanceComparisonsResponse,
  GetApiPerformanceFormsDueResponse,
  GetApiPerformanceFormsIndicatorIdResponse,
  GetApiPerformanceIndicatorsResponse,
  GetApiPerformanceLightsResponse,
  GetApiPerformanceListsResponse,
  GetApiPerformanceRankingsResponse,
  LedgerEntry,
  PostApiPerformanceAttachmentsResponse,
  PostApiPerformanceWhatIfBody,
} from './types.gen.ts';
import type { Light } from '../../engine/core/scoring/lights.ts';
import type { IndicatorScore, UnitResult } from '../../engine/core/scoring/pipeline.ts';
import type { Comparison, RankingRow, UnitReport } from '../../engine/core/scoring/reports.ts';
import type { WhatIfResult } from '../../engine/core/scoring/what-if.ts';
import { request } from './http.ts';

export type { Comparison, IndicatorScore, Light, RankingRow, UnitReport, UnitResult, WhatIfResult };

/** What a what-if replays: a draft version (of `draftRuleSetId`) over the history of `ruleSetId`'s published version. */
export type WhatIfRequest = PostApiPerformanceWhatIfBody;

/** A long computation run by the server (GET /api/jobs/{id}). */
export type JobView<T> = Omit<GetApiJobsIdResponse, 'result'> & { result: T | null };

/** Kinds of comparison over time. */
export type ComparisonKind = 'monthOnMonth' | 'yearOnYear' | 'improvement';

/** Red list (bottom of each peer group) and black list (below the threshold or vetoed) of a month. */
export type ListsReply = GetApiPerformanceListsResponse;

/** A stored attachment (content-addressed). */
export type AttachmentMeta = PostApiPerformanceAttachmentsResponse;

/** Deadline status of a form for a period. */
export type FormStatus = FormDue['status'];

/** One ledger entry (append-only). */
export type { LedgerEntry };

/** A request to change a locked entry. */
export type { Amendment };

/** A form due in a period, with its deadline status and latest entry. */
export type FormDue = GetApiPerformanceFormsDueResponse['forms'][number];

/** An indicator the unit is assessed on. */
export type UnitIndicator = GetApiPerformanceIndicatorsResponse['indicators'][number];

/** A cross-field check of a form. */
export type { FormCheck };

/** The form of an indicator from the active rule set. */
export type IndicatorForm = GetApiPerformanceFormsIndicatorIdResponse;

/** The lights matrix. */
export type LightsReply = GetApiPerformanceLightsResponse;

const q = (params: Record<string, string | number | boolean | undefined | null>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

const base = '/api/performance';

/** The performance endpoints the studio uses. */
export const performanceApi = {
  indicators: (p: { unitId?: string; period?: string } = {}) =>
    request<GetApiPerformanceIndicatorsResponse>('GET', `${base}/indicators${q(p)}`),
  formsDue: (p: { unitId?: string; period?: string } = {}) =>
    request<GetApiPerformanceFormsDueResponse>('GET', `${base}/forms-due${q(p)}`),
  form: (indicatorId: string, p: { unitId?: string; period?: string } = {}) =>
    request<IndicatorForm>('GET', `${base}/forms/${encodeURIComponent(indicatorId)}${q(p)}`),
  submitEntry: (body: {
    unitId?: string;
    indicatorId: string;
    period: string;
    values: unknown;
    attachments?: string[];
  }) =>
    request<{ entry: LedgerEntry; score: IndicatorScore | null; recomputing?: boolean }>(
      'POST',
      `${base}/entries`,
      body,
    ),
  entry: (id: string) => request<LedgerEntry>('GET', `${base}/entries/${encodeURIComponent(id)}`),
  entries: (
    p: { unitId?: string; indicatorId?: string; period?: string; includeSuperseded?: boolean } = {},
  ) => request<{ items: LedgerEntry[] }>('GET', `${base}/entries${q(p)}`),
  requestAmendment: (body: { entryId: string; values: unknown; reason: string }) =>
    request<Amendment>('POST', `${base}/amendments`, body),
  amendments: (p: { status?: string; unitId?: string } = {}) =>
    request<{ items: Amendment[] }>('GET', `${base}/amendments${q(p)}`),
  decideAmendment: (id: string, body: { decision: 'approve' | 'reject'; note?: string }) =>
    request<{ amendment: Amendment; entry: LedgerEntry | null }>(
      'POST',
      `${base}/amendments/${encodeURIComponent(id)}/decision`,
      body,
    ),
  scores: (p: { unitId?: string; period?: string; indicatorId?: string; explain?: boolean }) =>
    request<{
      ruleSet: string;
      unitId: string;
      period: string;
      result: UnitResult | null;
      scores: IndicatorScore[];
      /** True while new entries wait for their background recompute (the last projection is shown). */
      recomputing?: boolean;
    }>('GET', `${base}/scores${q(p)}`),
  lights: (p: { asOf?: string; unitId?: string } = {}) =>
    request<LightsReply>('GET', `${base}/lights${q(p)}`),
  comparisons: (p: { period: string; kind: ComparisonKind; basePeriod?: string }) =>
    request<GetApiPerformanceComparisonsResponse>('GET', `${base}/comparisons${q(p)}`),
  lists: (p: { period: string }) => request<ListsReply>('GET', `${base}/lists${q(p)}`),
  uploadAttachment: (body: { name: string; mime: string; contentBase64: string }) =>
    request<AttachmentMeta>('POST', `${base}/attachments`, body),
  /** URL that downloads an attachment's bytes. */
  attachmentUrl: (sha256: string): string => `${base}/attachments/${encodeURIComponent(sha256)}`,
  rankings: (p: { period?: string; group?: string } = {}) =>
    request<GetApiPerformanceRankingsResponse>('GET', `${base}/rankings${q(p)}`),
  unitReport: (p: { unitId: string; period?: string }) =>
    request<UnitReport>('GET', `${base}/reports/unit${q({ ...p, format: 'json' })}`),
  /** URL of a report in another format (CSV download, printable HTML). */
  unitReportUrl: (p: {
    unitId: string;
    period?: string;
    format: 'csv' | 'html';
    lang: 'zh' | 'en';
  }): string => `${base}/reports/unit${q(p)}`,
  whatIf: (body: WhatIfRequest) => request<WhatIfResult>('POST', `${base}/what-if`, body),
  /** Starts a what-if as a job (202); poll {@link performanceApi.job} for progress and the result. */
  startWhatIf: (body: WhatIfRequest) => request<JobView<WhatIfResult>>('POST', `${base}/what-if/jobs`, body),
  /** A job's progress and, once done, its result. */
  job: <T>(id: string) => request<JobView<T>>('GET', `/api/jobs/${encodeURIComponent(id)}`),
};
