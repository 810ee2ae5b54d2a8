/** @module HTTP client of the monthly form (GET/POST /api/performance/monthly-form) and its types. */
import { request } from './http.ts';
import type {
  GetApiPerformanceMonthlyFormResponse,
  PostApiPerformanceMonthlyFormResponse,
} from './types.gen.ts';

/** A unit's monthly form. */
export type MonthlyForm = GetApiPerformanceMonthlyFormResponse;

/** A level-1 area with the unit's indicators under it. */
export type MonthlyArea = MonthlyForm['areas'][number];

/** One indicator of the monthly form with its form and the entry submitted. */
export type MonthlyIndicator = MonthlyArea['indicators'][number];

/** A month of the picker. */
export type MonthSummary = MonthlyForm['months'][number];

/** What a submission answers. */
export type MonthlyFormWrite = PostApiPerformanceMonthlyFormResponse;

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
