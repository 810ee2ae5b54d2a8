/** @module What GET /api/performance/monthly-form answers, as the API and browser tests read it: the generated response type, with each indicator's form schema typed down to the field keywords the tests look at. */
import type { GetApiPerformanceMonthlyFormResponse } from '../../schemas/api-types.gen.ts';

type Answer = GetApiPerformanceMonthlyFormResponse;
type AnswerArea = Answer['areas'][number];

/** The JSON-schema keywords of a form field the tests read. */
export interface FormFieldSchema {
  type?: string;
  title?: string;
  description?: string;
  'x-title-en'?: string;
  'x-description-en'?: string;
}

/** One indicator of the monthly form, with the fields of its form schema typed. */
export type MonthlyFormIndicator = Omit<AnswerArea['indicators'][number], 'schema'> & {
  schema: { properties?: Record<string, FormFieldSchema> };
};

/** The monthly form of a unit and month: its months, deadline, counts and indicators by level-1 area. */
export type MonthlyForm = Omit<Answer, 'areas'> & {
  areas: (Omit<AnswerArea, 'indicators'> & { indicators: MonthlyFormIndicator[] })[];
};
