/** @module The signed-in user's work queues (GET /api/me/work): what each role has to do today, as of the product clock. */
import sampleDates from '../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import type { DeadLetterSource } from '../../../app/work-queue.ts';
import { defineRoute, type JsonSchema, type RouteDefinition } from '../route.ts';
import { arrayOf, bilingualTextSchema, objectOf } from '../schemas.ts';

const nullableText: JsonSchema = { anyOf: [bilingualTextSchema, { type: 'null' }] };
const unitRef: JsonSchema = {
  anyOf: [
    objectOf({
      id: { type: 'string', description: 'Unit id', examples: ['dept-education'] },
      name: { type: 'string', description: 'Unit name', examples: ['区教育局'] },
    }),
    { type: 'null' },
  ],
};

const QUEUE_IDS = [
  'formsDue',
  'casesOverdue',
  'casesNearDue',
  'casesWaiting',
  'casesToDispatch',
  'supervision',
  'reviews',
  'approvals',
  'amendments',
  'deadLetters',
];

/** One item of a work queue. */
export const workItemSchema: JsonSchema = objectOf(
  {
    key: { type: 'string', description: 'Stable key within the queue', examples: [`${sampleDates.year}-11`] },
    title: bilingualTextSchema,
    detail: nullableText,
    unit: unitRef,
    category: nullableText,
    state: nullableText,
    period: { type: ['string', 'null'], description: 'Month `YYYY-MM` of a form or amendment' },
    deadline: {
      type: ['string', 'null'],
      description: 'District day `YYYY-MM-DD` (forms) or ISO instant (cases)',
      examples: [`${sampleDates.year}-12-15`],
    },
    daysLeft: {
      type: ['integer', 'null'],
      description: 'Whole district days from today to the deadline; negative when overdue',
      examples: [3, -2],
    },
    waitingDays: {
      type: ['integer', 'null'],
      description: 'Whole district days a request, review or dead letter has been waiting',
      examples: [2],
    },
    tone: { enum: ['overdue', 'urgent', 'normal'] },
    counts: {
      anyOf: [
        objectOf({
          empty: { type: 'integer', description: 'Indicators of the month still empty' },
          total: { type: 'integer', description: 'Indicators due that month' },
        }),
        { type: 'null' },
      ],
    },
    link: {
      type: 'string',
      description: 'Studio route that opens the action',
      examples: [`/my-forms?period=${sampleDates.year}-11`],
    },
  },
  { additionalProperties: false },
);

/** The answer of GET /api/me/work. */
export const myWorkSchema: JsonSchema = objectOf({
  now: { type: 'string', description: 'Product clock instant the queues were computed at' },
  today: { type: 'string', description: 'District day of `now`', examples: [`${sampleDates.year}-11-25`] },
  unit: unitRef,
  queues: arrayOf(
    objectOf(
      {
        id: { enum: QUEUE_IDS },
        label: bilingualTextSchema,
        link: { type: 'string', description: 'Studio route of the full list' },
        total: { type: 'integer', minimum: 1, description: 'Items in the queue (items shows at most 10)' },
        items: arrayOf(workItemSchema),
      },
      { additionalProperties: false },
    ),
  ),
});

/** Routes of the caller's work; `deadLetters` reads the plugin delivery log where plugins run. */
export function workRoutes(options: { deadLetters?: DeadLetterSource } = {}): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/me/work',
      permission: 'session.self',
      summary: 'The signed-in user’s work for today, per role',
      description:
        'Queues the caller may act on, each built under the caller’s permissions and unit scope: forms due ' +
        '(unit users; months not yet locked with indicators still empty, nearest deadline first), cases ' +
        'waiting, overdue and near their deadline (unit users: their unit’s; dispatchers: the district’s), ' +
        'supervision requests, professional reviews, rule-set versions waiting for approval or publication, ' +
        'pending amendment requests, plugin dead letters. Dates are counted on the product clock.',
      tags: ['session'],
      responses: {
        200: { description: 'Queues with something in them, most pressing first', schema: myWorkSchema },
      },
      handler: ({ ops, auth }) =>
        ops.getMyWork({
          actor: auth!.actor,
          ...(options.deadLetters ? { deadLetters: options.deadLetters } : {}),
        }),
    }),
  ];
}
