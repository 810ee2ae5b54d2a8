/** @module Case what-if route (办件测算): starts a replay of recent cases through a rule-set version's routing and SLA policies; progress and result via GET /api/jobs/{id}. */
import { defineRoute, type JsonSchema, type RouteDefinition, WHAT_IF_STEPS } from '../route.ts';
import {
  arrayOf,
  bool,
  bilingualTextSchema as text,
  errorSchema,
  int,
  nullableString,
  num,
  objectOf,
  str,
} from '../schemas.ts';
import sampleDates from '../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import { jobSchemaOf } from './jobs.ts';
import { ruleSetNotFound } from './rule-sets/schemas.ts';
import { versionOf } from './rule-sets/shared.ts';
import type { RouteTestCase } from '../../../app/cases/route-test.ts';

const unitRef: JsonSchema = objectOf({
  id: { type: 'string', examples: ['dept-urban-management'] },
  name: text,
});
const categoryRef: JsonSchema = objectOf({
  code: { type: 'string', examples: ['environment.noise'] },
  name: text,
});

/** Path parameters of the routes on one version: the rule set id and the version number. */
const whatIfVersionParams: JsonSchema = {
  type: 'object',
  required: ['id', 'n'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200, description: 'Rule set id' },
    n: { type: 'integer', minimum: 1, examples: [2] },
  },
};

/** The result of a finished case what-if job (`result` of `GET /api/jobs/{id}`). */
export const caseWhatIfResultSchema: JsonSchema = objectOf({
  ruleSetId: str,
  number: int,
  status: { type: 'string', description: 'Status of the version tried', examples: ['draft'] },
  window: objectOf(
    { months: int, from: str, to: str },
    { description: 'Cases received from `from` up to and including `to` (UTC)' },
  ),
  basis: { ...text, description: 'How deadlines are compared' },
  totals: objectOf(
    {
      cases: { type: 'integer', description: 'Cases replayed' },
      moved: { type: 'integer', description: 'Cases the version sends to another lead unit' },
      differentRow: { type: 'integer', description: 'Cases decided by another routing row' },
      dayMapped: {
        type: 'integer',
        description: 'Cases routed as of a day mapped into the version’s period',
      },
      priorityChanged: int,
      slaPolicyChanged: int,
      fallbackBefore: { type: 'integer', description: 'Cases that went to manual dispatch' },
      fallbackAfter: { type: 'integer', description: 'Cases that would go to manual dispatch' },
    },
    {
      optional: [
        'differentRow',
        'dayMapped',
        'priorityChanged',
        'slaPolicyChanged',
        'fallbackBefore',
        'fallbackAfter',
      ],
    },
  ),
  periodMapping: {
    type: ['object', 'null'],
    description:
      'Cases received outside the version’s period, routed as of the same month and day in it (null: none)',
    properties: {
      draftPeriod: {
        type: 'object',
        properties: { from: str, to: str },
      },
      mappedCases: int,
      text,
    },
  },
  moves: {
    ...arrayOf(
      objectOf({
        fromUnit: unitRef,
        toUnit: unitRef,
        category: categoryRef,
        fromRowId: nullableString,
        toRowId: nullableString,
        count: int,
      }),
    ),
    description: 'Moved cases by from unit → to unit, category and old row → new row; most first',
  },
  rowChanges: {
    ...arrayOf(
      objectOf(
        {
          fromTableId: nullableString,
          fromRowId: nullableString,
          fromRowNote: nullableString,
          toTableId: nullableString,
          toRowId: nullableString,
          toRowNote: nullableString,
          count: int,
          moved: int,
        },
        { optional: ['fromTableId', 'fromRowNote', 'toTableId', 'toRowNote'] },
      ),
    ),
    description: 'Routing rows that made the difference: old row → new row, with their notes',
  },
  deadlines: objectOf(
    {
      timer: { type: 'string', enum: ['handle'] },
      earlier: int,
      later: int,
      same: int,
      notComputed: int,
      meanShiftWorkingHours: num,
      maxShiftWorkingHours: num,
      meanShiftHours: num,
      maxShiftHours: num,
    },
    { optional: ['meanShiftWorkingHours', 'maxShiftWorkingHours', 'meanShiftHours', 'maxShiftHours'] },
  ),
  changedCases: {
    ...arrayOf(
      objectOf(
        {
          caseId: str,
          number: str,
          category: categoryRef,
          receivedAt: str,
          fromUnit: unitRef,
          toUnit: unitRef,
          fromRowId: nullableString,
          toRowId: nullableString,
          isMoved: bool,
          deadline: {
            type: ['object', 'null'],
            properties: {
              basis: { type: 'string', enum: ['timer', 'receipt'] },
              old: str,
              new: str,
              shiftWorkingHours: num,
              shiftHours: num,
              direction: { type: 'string', enum: ['earlier', 'later', 'same'] },
            },
          },
        },
        { optional: ['receivedAt', 'fromRowId', 'toRowId'] },
      ),
    ),
    description: 'Cases moved or with a moved deadline (the first 500)',
  },
  isChangedTruncated: bool,
  failures: objectOf({ count: int, items: { type: 'array' } }),
});

/** The job the route answers with (202): running, with progress; `result` follows via GET /api/jobs/{id}. */
const startedJobSchema = jobSchemaOf('caseWhatIf', caseWhatIfResultSchema);

/** Routes of the case what-if. */
export function caseWhatIfRoutes(): RouteDefinition[] {
  return [
    defineRoute<{ months?: number }, Record<string, unknown>, { id: string; n: number }>({
      method: 'post',
      path: '/api/rule-sets/:id/versions/:n/what-if/cases',
      ruleSteps: WHAT_IF_STEPS,
      permission: 'ruleSets.readDrafts',
      summary:
        'Case what-if: replay the last N months of cases through this version’s routing table and SLA policies (a job)',
      description:
        'Answers 202 with a job at once; poll `GET /api/jobs/{id}` for progress and the result: cases that would go to another lead unit (from unit → to unit by category, old row → new row) and how handling deadlines move. The run is audited (`ruleSet.whatIf`, details.kind `cases`).',
      tags: ['rule sets', 'cases'],
      request: {
        params: whatIfVersionParams,
        body: {
          type: 'object',
          properties: {
            months: {
              type: 'integer',
              minimum: 1,
              maximum: 24,
              description: 'Months back from now whose cases are replayed (default 3)',
              examples: [3],
            },
          },
          additionalProperties: false,
        },
      },
      responses: {
        202: { description: 'The job, running', schema: startedJobSchema },
        400: { description: '`whatIf.no_case_rules`, `request.invalid`', schema: errorSchema },
        403: { description: '`ruleset.draft_forbidden`', schema: errorSchema },
        404: ruleSetNotFound,
        422: { description: 'The version’s case documents do not compile', schema: errorSchema },
      },
      handler: ({ ops, auth, params, body }) =>
        ops.startCaseWhatIf({
          ...versionOf(auth, params),
          ...(body?.months !== undefined ? { months: body.months } : {}),
        }),
    }),
    routeTestRoute,
  ];
}

/** Step budget of a routing test-run: one case through a version's routing tables. */
export const ROUTE_TEST_STEPS = 5_000_000;

const labelled: JsonSchema = objectOf({ id: str, name: text });
const routeTestRow: JsonSchema = objectOf({
  index: { type: 'integer', description: '0-based row index' },
  rowId: nullableString,
  annotation: nullableString,
  failedCount: { type: 'integer', description: 'Conditions the sample fails (0 for the matched row)' },
  conditions: arrayOf(
    objectOf({
      inputId: str,
      input: { type: 'string', description: 'Column label', examples: ['事项分类'] },
      condition: { ...text, description: 'The cell in words (names, keywords), not codes' },
      value: { ...text, description: 'The sample’s value for the column, in words' },
      isMet: {
        type: ['boolean', 'null'],
        description: 'null: not known (a near miss failing on several cells)',
      },
    }),
  ),
});

/** `POST /api/rule-sets/:id/versions/:n/route-test`: one sample case through the version’s routing tables. */
const routeTestRoute = defineRoute<
  { case: RouteTestCase; asOf?: string },
  Record<string, unknown>,
  { id: string; n: number }
>({
  method: 'post',
  path: '/api/rule-sets/:id/versions/:n/route-test',
  ruleSteps: ROUTE_TEST_STEPS,
  permission: 'ruleSets.readDrafts',
  summary: 'Routing test-run: route one sample case through this version’s (e.g. a draft’s) routing tables',
  description:
    'Nothing is stored. Answers the decision (lead and assisting units, priority, SLA policy, by name) and per routing table the row that matched and the near misses, each condition in words with the sample’s value and whether it is met.',
  tags: ['rule sets', 'cases'],
  request: {
    params: whatIfVersionParams,
    body: {
      type: 'object',
      required: ['case'],
      additionalProperties: false,
      properties: {
        case: {
          type: 'object',
          required: ['category'],
          additionalProperties: false,
          description: 'The sample case, as intake would know it',
          properties: {
            category: { type: 'string', maxLength: 200, examples: ['environment.noise'] },
            channel: { type: 'string', maxLength: 100, examples: ['hotline'] },
            requesterType: { type: 'string', maxLength: 100, examples: ['citizen'] },
            streetId: { type: 'string', maxLength: 200, examples: ['street-xinhua'] },
            communityId: { type: 'string', maxLength: 200 },
            gridId: { type: 'string', maxLength: 200, examples: ['G-GX-01'] },
            text: { type: 'string', maxLength: 4000, examples: ['楼下工地夜间打桩'] },
          },
        },
        asOf: {
          type: 'string',
          pattern: '^\\d{4}-\\d{2}-\\d{2}$',
          description: 'Day row validity is judged on (default today, moved into the version’s period)',
          examples: [sampleDates.day],
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The decision and its trace, in labels',
      schema: objectOf({
        ruleSetId: str,
        number: int,
        status: { type: 'string', examples: ['draft'] },
        asOf: str,
        category: { oneOf: [{ type: 'null' }, categoryRef] },
        decision: objectOf({
          isFallback: {
            type: 'boolean',
            description: 'No row decided: manual dispatch by the fallback unit',
          },
          leadUnit: unitRef,
          assistingUnits: arrayOf(unitRef),
          priority: { type: 'string', examples: ['high'] },
          slaPolicy: labelled,
          routingTableId: nullableString,
          rowId: nullableString,
        }),
        tables: arrayOf(
          objectOf({
            routingTableId: str,
            name: text,
            matched: { oneOf: [{ type: 'null' }, routeTestRow] },
            nearMisses: arrayOf(routeTestRow),
            explanation: arrayOf(text),
          }),
        ),
      }),
    },
    400: {
      description: '`routeTest.bad_case`, `routeTest.no_routing`, `request.invalid`',
      schema: errorSchema,
    },
    403: { description: '`ruleset.draft_forbidden`, no permission', schema: errorSchema },
    404: ruleSetNotFound,
    422: {
      description: 'The routing table does not compile, or `rule.budget_exceeded`',
      schema: errorSchema,
    },
  },
  handler: ({ ops, auth, params, body }) =>
    ops.testRouting({
      ...versionOf(auth, params),
      case: body.case,
      ...(body.asOf !== undefined ? { asOf: body.asOf } : {}),
    }),
});
