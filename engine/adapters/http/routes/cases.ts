/** @module Case routes: staff intake, queues, detail, actions, metrics; public categories, citizen submit, lookup and rating. */
import { closedObject, defineRoute, type JsonSchema, type RouteDefinition } from '../route.ts';
import { idRoute } from './id-route.ts';
import {
  arrayOf,
  bilingualTextSchema,
  bool,
  errorSchema,
  int,
  nullableString,
  objectOf,
  str,
  strings,
} from '../schemas.ts';
import sampleDates from '../../../../schemas/examples/sample-dates.json' with { type: 'json' };

const boundedString = (max = 200): JsonSchema => ({ type: 'string', minLength: 1, maxLength: max });
const requester: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 100 },
    phone: { type: 'string', maxLength: 30 },
    type: { enum: ['citizen', 'enterprise'] },
  },
};
const location: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    address: { type: 'string', maxLength: 500 },
    lat: { type: 'number', minimum: -90, maximum: 90 },
    lng: { type: 'number', minimum: -180, maximum: 180 },
    streetId: boundedString(),
    communityId: boundedString(),
    gridId: boundedString(),
  },
};
/** A count: an integer, not negative. */
const count: JsonSchema = { type: 'integer', minimum: 0 };
const nullableText: JsonSchema = { oneOf: [bilingualTextSchema, { type: 'null' }] };
/** How the workflow document declares an action: label, help, tone and input form. */
const declarationProperties: Record<string, JsonSchema> = {
  label: { ...bilingualTextSchema, description: 'Button label' },
  description: { ...nullableText, description: 'Help shown with the action’s form' },
  tone: {
    enum: ['primary', 'neutral', 'danger'],
    description: 'Button style: primary moves the case on, neutral records, danger refuses or moves back',
  },
  input: {
    description:
      'The input form: a JSON Schema of an object (strings of `format: "baton-unit"` are unit ids) and an optional JSON Forms UI schema; null when the action asks for nothing',
    oneOf: [
      objectOf({ schema: { type: 'object' }, uiSchema: { type: ['object', 'null'] } }),
      { type: 'null' },
    ],
  },
};
/** An action the caller may take now, with its declaration from the case's own rule-set version. */
const availableActionSchema: JsonSchema = objectOf({
  action: { type: 'string', examples: ['dispatch'] },
  to: { ...strings, description: 'Possible target states' },
  needsInput: { type: 'boolean', description: 'A guard reads the input' },
  ...declarationProperties,
});
const caseSchema: JsonSchema = {
  type: 'object',
  description: 'CaseDetail (docs/api-cases.md)',
  required: ['id', 'number', 'status', 'category', 'channel', 'availableActions'],
  properties: { availableActions: { type: 'array', items: availableActionSchema } },
};
/** The workflow in force (GET /api/cases/workflow). */
const workflowSchema: JsonSchema = objectOf({
  ruleSetId: { type: 'string', examples: ['district-cases'] },
  version: { type: 'integer', minimum: 1 },
  workflowId: { type: 'string', examples: ['wf-case'] },
  name: bilingualTextSchema,
  initial: str,
  final: strings,
  states: arrayOf(
    objectOf({
      name: { type: 'string', examples: ['handling'] },
      label: bilingualTextSchema,
      type: { enum: ['open', 'paused', 'closed'] },
      colour: { type: ['string', 'null'], description: 'Badge colour', examples: ['teal'] },
      public: { type: 'boolean', description: 'Citizens see this state' },
    }),
  ),
  actions: arrayOf(
    objectOf({
      name: { type: 'string', examples: ['signFor'] },
      roles: {
        type: 'array',
        items: { type: 'string', examples: ['unit', 'citizen'] },
        description: 'Roles of the action’s transitions (staff roles, `citizen`, `plugin`)',
      },
      ...declarationProperties,
    }),
  ),
  channels: arrayOf(
    objectOf({
      code: { type: 'string', examples: ['hotline'] },
      label: bilingualTextSchema,
      aliases: strings,
    }),
  ),
});
const publicCaseSchema: JsonSchema = {
  type: 'object',
  description: 'PublicCase (docs/api-cases.md)',
  required: ['number', 'status'],
};
const satisfaction: JsonSchema = { enum: ['satisfied', 'basicallySatisfied', 'unsatisfied'] };

/**
 * Routes under /api/cases, /api/case-categories, /api/case-metrics, /api/case-statistics and /api/public/cases.
 * Long: a table of route declarations (schemas and examples inline); each handler is one call of an operation.
 */
export function caseRoutes(): RouteDefinition[] {
  return [
    defineRoute<any>({
      method: 'post',
      path: '/api/cases',
      permission: 'cases.intake',
      summary: 'Take in a case from a staff channel (validate, route, number, deadlines)',
      tags: ['cases'],
      request: {
        body: closedObject(
          {
            channel: boundedString(40),
            category: boundedString(100),
            text: { type: 'string', minLength: 1, maxLength: 4000 },
            data: { type: 'object' },
            requester,
            location,
            externalId: boundedString(200),
            receivedAt: { type: 'string', format: 'date-time' },
          },
          ['channel', 'category', 'text'],
        ),
      },
      responses: {
        200: {
          description: 'A repeated (channel, externalId): the first case, isDuplicate true, no password',
        },
        201: {
          description: 'The new case and its query password (returned only now)',
          schema: objectOf({ case: caseSchema, queryPassword: nullableString, isDuplicate: bool }),
        },
        400: { description: '`case.unknown_category`, `case.invalid_data`, `case.unknown_channel`' },
      },
      handler: async ({ ops, auth, body, c }) => {
        const result = await ops.intakeCase({ actor: auth!.actor, ...body });
        return c.json(result, result.isDuplicate ? 200 : 201);
      },
    }),
    defineRoute<unknown, any>({
      method: 'get',
      path: '/api/cases',
      permission: 'cases.read',
      summary: 'Cases of a queue (dispatcher, unit inbox, supervisor, reviewer) with filters and SLA lights',
      tags: ['cases'],
      request: {
        query: closedObject({
          queue: { enum: ['dispatcher', 'unit', 'supervisor', 'reviewer', 'all'] },
          status: boundedString(60),
          category: boundedString(100),
          channel: boundedString(40),
          priority: { enum: ['urgent', 'high', 'normal', 'low'] },
          unitId: boundedString(),
          slaLight: { enum: ['none', 'green', 'yellow', 'red', 'overdue'] },
          q: boundedString(100),
          from: { type: 'string', format: 'date' },
          to: { type: 'string', format: 'date' },
          limit: { type: 'integer', minimum: 1, maximum: 200 },
          offset: { type: 'integer', minimum: 0 },
        }),
      },
      responses: {
        200: {
          description: 'A page of cases, newest first',
          schema: objectOf({ items: arrayOf({ type: 'object' }), total: int }),
        },
      },
      handler: ({ ops, auth, query }) => ops.listCases({ actor: auth!.actor, ...query }),
    }),
    defineRoute<unknown, { at?: string }>({
      method: 'get',
      path: '/api/cases/workflow',
      permission: 'cases.read',
      summary:
        'The case workflow in force on a day: states (label, type, colour), actions (label, tone, input form, roles) and intake channels',
      tags: ['cases'],
      request: {
        query: closedObject({
          at: {
            type: 'string',
            format: 'date',
            description: 'The day (YYYY-MM-DD) whose workflow is wanted; default today',
          },
        }),
      },
      responses: {
        200: { description: 'The workflow in force', schema: workflowSchema },
        404: {
          description: '`case.no_rules` (no published version with a workflow that day)',
          schema: errorSchema,
        },
        409: { description: 'Two versions in force that day', schema: errorSchema },
      },
      handler: ({ ops, auth, query }) =>
        ops.getCaseWorkflow({ actor: auth!.actor, ...(query.at !== undefined ? { at: query.at } : {}) }),
    }),
    idRoute(
      {
        method: 'get',
        path: '/api/cases/:id',
        permission: 'cases.read',
        summary:
          'One case (by id or number) with history, routing trace, SLA status and the caller’s actions',
        tags: ['cases'],
        responses: {
          200: { description: 'The case', schema: caseSchema },
          403: { description: '`case.out_of_scope`' },
          404: { description: '`case.not_found`' },
        },
      },
      (ops, input) => ops.getCase(input),
    ),
    defineRoute<
      { input?: Record<string, unknown> } | undefined,
      Record<string, unknown>,
      { id: string; action: string }
    >({
      method: 'post',
      path: '/api/cases/:id/actions/:action',
      permission: 'cases.act',
      summary:
        'Take a workflow action (dispatch, signFor, return, handle, reply, verify, rate, orderRedo, …)',
      tags: ['cases'],
      request: {
        params: objectOf({
          id: boundedString(),
          action: { type: 'string', pattern: '^[a-z][A-Za-z]{0,60}$' },
        }),
        body: { type: 'object', additionalProperties: false, properties: { input: { type: 'object' } } },
      },
      responses: {
        200: {
          description: 'The case after the action',
          schema: objectOf({ case: caseSchema }),
        },
        403: { description: '`workflow.role_forbidden`, `workflow.unit_scope`, `case.out_of_scope`' },
        404: { description: '`case.not_found`' },
        409: { description: '`workflow.action_unavailable`, `case.changed`' },
        400: {
          description:
            '`workflow.invalid_input` (the input breaks the action’s declared schema; `path` is `/input/<field>`), `workflow.guard_failed`',
        },
      },
      handler: async ({ ops, auth, params, body }) => ({
        case: await ops.performCaseAction({
          actor: auth!.actor,
          id: params.id,
          action: params.action,
          input: body?.input ?? {},
        }),
      }),
    }),
    defineRoute<unknown, { month: string; unitId?: string }>({
      method: 'get',
      path: '/api/case-metrics',
      permission: 'caseMetrics.read',
      summary: 'Case metrics per unit for a month (on-time, satisfaction, returns, redo, supervision)',
      tags: ['cases'],
      request: {
        query: closedObject(
          { month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }, unitId: boundedString() },
          ['month'],
        ),
      },
      responses: {
        200: {
          description: 'Metrics by unit',
          schema: objectOf({ month: str, items: { type: 'array' } }),
        },
      },
      handler: ({ ops, auth, query }) => ops.getCaseMetrics({ actor: auth!.actor, ...query }),
    }),
    defineRoute<unknown, { from: string; to: string }>({
      method: 'get',
      path: '/api/case-statistics',
      permission: 'caseMetrics.read',
      summary:
        'Cases received per month by category and channel, and SLA compliance per month (by the data’s own dates; unit users: their unit’s cases)',
      tags: ['cases'],
      request: {
        query: closedObject(
          {
            from: {
              type: 'string',
              pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
              description: 'First month (YYYY-MM, district time)',
              examples: [sampleDates.firstMonth],
            },
            to: {
              type: 'string',
              pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
              description: 'Last month (YYYY-MM), at most 24 months after from',
              examples: [sampleDates.month],
            },
          },
          ['from', 'to'],
        ),
      },
      responses: {
        200: {
          description: 'One row per month of the range, with category and channel names',
          schema: objectOf({
            from: str,
            to: str,
            months: arrayOf(
              objectOf({
                month: { type: 'string', examples: [sampleDates.month] },
                received: { type: 'integer', minimum: 0, description: 'Cases received in the month' },
                byCategory: { type: 'object', additionalProperties: count },
                byChannel: { type: 'object', additionalProperties: count },
                handledWithTimer: count,
                handledOnTime: count,
                onTimeRate: { type: ['number', 'null'], minimum: 0, maximum: 1 },
                overdueCount: count,
              }),
            ),
            categories: arrayOf(
              objectOf({ code: str, name: bilingualTextSchema, group: bilingualTextSchema }),
            ),
            channels: arrayOf(objectOf({ code: str, label: bilingualTextSchema })),
          }),
        },
        400: {
          description:
            '`caseStatistics.bad_month`, `caseStatistics.bad_range` (from after to, or more than 24 months)',
          schema: errorSchema,
        },
      },
      handler: ({ ops, auth, query }) =>
        ops.getCaseStatistics({ actor: auth!.actor, from: query.from, to: query.to }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/case-categories',
      permission: 'public',
      summary: 'Case categories of the rule set in force with their intake forms (citizen portal)',
      tags: ['cases', 'public'],
      responses: { 200: { description: 'Categories', schema: { type: 'array', items: { type: 'object' } } } },
      handler: ({ ops }) => ops.listCaseCategories(),
    }),
    defineRoute<any>({
      method: 'post',
      path: '/api/public/cases',
      permission: 'public',
      summary: 'Citizen portal: submit a case (channel web) → case number and query password',
      tags: ['cases', 'public'],
      request: {
        body: closedObject(
          {
            category: boundedString(100),
            text: { type: 'string', minLength: 5, maxLength: 2000 },
            data: { type: 'object' },
            requester,
            location,
          },
          ['category', 'text'],
        ),
      },
      responses: {
        201: {
          description: 'Accepted; keep the number and password to track the case',
          schema: objectOf({ number: str, queryPassword: str, status: str, createdAt: str }),
        },
        400: { description: '`case.unknown_category`, `case.invalid_data`' },
      },
      handler: async ({ ops, body }) => {
        const result = await ops.intakeCase({ actor: null, channel: 'web', ...body });
        return {
          number: result.case.number,
          queryPassword: result.queryPassword,
          status: result.case.status,
          createdAt: result.case.createdAt,
        };
      },
    }),
    defineRoute<{ number: string; password: string }>({
      method: 'post',
      path: '/api/public/cases/lookup',
      permission: 'public',
      summary: 'Citizen: track a case by number and query password (throttled)',
      tags: ['cases', 'public'],
      request: {
        body: closedObject({ number: boundedString(40), password: boundedString(20) }, [
          'number',
          'password',
        ]),
      },
      responses: {
        200: { description: 'The case as the citizen sees it', schema: publicCaseSchema },
        404: { description: '`case.lookup_failed` (unknown number or wrong password)' },
        429: { description: '`case.lookup_throttled`' },
      },
      handler: ({ ops, body, ip }) => ops.lookupCase({ number: body.number, password: body.password, ip }),
    }),
    defineRoute<{ number: string; password: string; satisfaction: string; comment?: string }>({
      method: 'post',
      path: '/api/public/cases/rate',
      permission: 'public',
      summary: 'Citizen: rate the handling of a case (satisfied, basically satisfied, unsatisfied)',
      tags: ['cases', 'public'],
      request: {
        body: closedObject(
          {
            number: boundedString(40),
            password: boundedString(20),
            satisfaction,
            comment: { type: 'string', maxLength: 1000 },
          },
          ['number', 'password', 'satisfaction'],
        ),
      },
      responses: {
        200: { description: 'The case after rating', schema: publicCaseSchema },
        404: { description: '`case.lookup_failed`' },
        409: { description: '`workflow.action_unavailable` (not waiting for a rating)' },
        429: { description: '`case.lookup_throttled`' },
      },
      handler: ({ ops, body, ip }) => ops.rateCase({ ...body, ip }),
    }),
  ];
}
