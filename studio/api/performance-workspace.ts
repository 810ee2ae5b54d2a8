/** @module HTTP client of the monthly form (GET/POST /api/performance/monthly-form) and its types. */
import { request } from './http.ts';
import type { Bilingual } from './http.ts';
import type { Amendment, FormCheck, FormStatus, LedgerEntry } from './performance.ts';

/** One indicator of the monthly form with its form and the entry submitted. */
export interface MonthlyIndicator {
  indicatorId: string;
  code: string;
  name: Bilingual;
  frequency: 'monthly' | 'quarterly' | 'yearly';
  formId: string;
  formName: Bilingual;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown> | null;
  checks: FormCheck[];
  computed: unknown[];
  target: number | null;
  entry: LedgerEntry | null;
  pendingAmendment: Amendment | null;
}

/** A level-1 area with the unit's indicators under it. */
export interface MonthlyArea {
  id: string;
  code: string;
  name: Bilingual;
  indicators: MonthlyIndicator[];
  empty: number;
}

/** A month of the picker. */
export interface MonthSummary {
  period: string;
  deadline: string;
  lockDate: string;
  status: FormStatus;
  daysLeft: number;
  empty: number;
  total: number;
}

/** A unit's monthly form. */
export interface MonthlyForm {
  ruleSetId: string;
  ruleSetVersion: number;
  unitId: string;
  unitName: string;
  period: string;
  today: string;
  deadline: string;
  lockDate: string;
  status: FormStatus;
  daysLeft: number;
  counts: { empty: number; total: number };
  dueNext: string | null;
  months: MonthSummary[];
  areas: MonthlyArea[];
}

/** What a submission answers. */
export interface MonthlyFormWrite {
  unitId: string;
  period: string;
  entries: LedgerEntry[];
  unchanged: string[];
  recomputing: boolean;
}

const base = '/api/performance/monthly-form';

/** The monthly form endpoints. */
export const monthlyFormApi = {
  /** The form of `period` (default: the month due next). */
  get: (p: { period?: string; unitId?: string } = {}) => {
    const search = new URLSearchParams();
    if (p.period) search.set('period', p.period);
    if (p.unitId) search.set('unitId', p.unitId);
    const text = search.toString();
    return request<MonthlyForm>('GET', text ? `${base}?${text}` : base);
  },
  submit: (body: {
    period: string;
    unitId?: string;
    values: Record<string, Record<string, unknown>>;
    attachments?: Record<string, string[]>;
  }) => request<MonthlyFormWrite>('POST', base, body),
};
