/** @module Routes of the score what-if: a draft version scored over the ledger history, at once or as a job (engine/app/score-what-if.ts). */
import sampleDates from '../../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import { jobSchema } from '../jobs.ts';
import { defineRoute, type JsonSchema, type RouteDefinition, WHAT_IF_STEPS } from '../../route.ts';
import { actorOf, errors, period, ruleSetId } from './schemas.ts';

interface WhatIfBody {
  ruleSetId?: string;
  draftRuleSetId?: string;
  draftVersion: number;
  periods?: string[];
}

const whatIfBody: JsonSchema = {
  type: 'object',
  required: ['draftVersion'],
  properties: {
    ruleSetId: {
      ...ruleSetId,
      description:
        'Rule set whose published version and ledger history are replayed; default the assessment set in force',
    },
    draftRuleSetId: {
      ...ruleSetId,
      description: 'Rule set of the draft (e.g. next year’s); default `ruleSetId`',
      examples: [`district-${sampleDates.nextYear}`],
    },
    draftVersion: { type: 'integer', minimum: 1 },
    periods: {
      type: 'array',
      items: period,
      maxItems: 12,
      description:
        'History months (or the draft’s months, mapped back month-of-year); default every reported month',
    },
  },
  additionalProperties: false,
};

const whatIfResultSchema: JsonSchema = {
  type: 'object',
  required: [
    'published',
    'draft',
    'periodMapping',
    'periods',
    'draftPeriods',
    'units',
    'indicators',
    'gradeChanges',
    'maxAbsDelta',
  ],
  properties: {
    periodMapping: {
      type: 'object',
      required: ['from', 'to', 'rule'],
      description: 'History year `from` replayed as the draft’s year `to`, month by month',
      properties: {
        from: { type: 'string', examples: [`${sampleDates.year}`] },
        to: { type: 'string', examples: [`${sampleDates.nextYear}`] },
        rule: { type: 'string', enum: ['monthOfYear'] },
      },
    },
    periods: { type: 'array', items: period },
    draftPeriods: { type: 'array', items: period },
    noHistory: { type: 'array', items: { type: 'string' }, description: 'Draft indicators without history' },
    gradeChanges: {
      type: 'integer',
      minimum: 0,
      description: 'Unit rows (unit × month) whose grade changes',
    },
    maxAbsDelta: { type: 'number', minimum: 0 },
  },
};

/** POST /api/performance/what-if and /what-if/jobs. */
export function whatIfRoutes(): RouteDefinition[] {
  return [
    defineRoute<WhatIfBody>({
      method: 'post',
      path: '/api/performance/what-if',
      ruleSteps: WHAT_IF_STEPS,
      permission: 'performance.whatIf',
      summary:
        'Score a draft version over the ledger history: per-unit and per-indicator deltas vs the version in force (waits for the result)',
      description:
        'A draft of another year is replayed over the history with months matched month-of-year (`periodMapping`, per-row `historyPeriod` and `draftPeriod`); indicators of the draft without history are `noHistory`. For progress, start it as a job with `POST /api/performance/what-if/jobs`.',
      tags: ['performance'],
      request: { body: whatIfBody },
      responses: { 200: { description: 'WhatIfResult', schema: whatIfResultSchema }, ...errors },
      handler: ({ ops, auth, body }) => ops.runWhatIf({ actor: actorOf(auth), ...body }),
    }),
    defineRoute<WhatIfBody>({
      method: 'post',
      path: '/api/performance/what-if/jobs',
      ruleSteps: WHAT_IF_STEPS,
      permission: 'performance.whatIf',
      summary:
        'Start a what-if as a job: answers 202 with the job at once; poll GET /api/jobs/{id} for progress and the result',
      tags: ['performance'],
      request: { body: whatIfBody },
      responses: {
        202: { description: 'The job (status `running`); its `result` is a WhatIfResult', schema: jobSchema },
        ...errors,
      },
      handler: ({ ops, auth, body }) => ops.startScoreWhatIf({ actor: actorOf(auth), ...body }),
    }),
  ];
}
