/** @module Job routes: progress and result of a long computation (score or case what-if) started by another route. */
import type { JsonSchema, RouteDefinition } from '../route.ts';
import { idRoute } from './id-route.ts';
import { bilingualTextSchema as text, errorSchema } from '../schemas.ts';

/** A job as `startJob` returns it and `GET /api/jobs/:id` shows it (202 of the starting route, 200 here). */
export const jobSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'kind', 'status', 'startedBy', 'startedAt', 'finishedAt', 'progress', 'result', 'error'],
  properties: {
    id: { type: 'string', description: 'Job id; poll `GET /api/jobs/{id}`', examples: ['job_01'] },
    kind: { type: 'string', description: 'What runs', examples: ['scoreWhatIf'] },
    status: { type: 'string', enum: ['running', 'done', 'failed'] },
    startedBy: { type: 'string', description: 'Username of the starter' },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: ['string', 'null'] },
    progress: {
      type: 'object',
      required: ['done', 'total'],
      description: 'Work units done of total (0 total: not known yet), and the current stage',
      properties: {
        done: { type: 'integer', minimum: 0 },
        total: { type: 'integer', minimum: 0 },
        stage: text,
      },
    },
    result: { description: 'The result once `status` is `done` (its shape depends on `kind`), else null' },
    error: {
      type: ['object', 'null'],
      description: 'Why it failed, once `status` is `failed`',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, text },
    },
  },
};

/** {@link jobSchema} of one kind of job whose `result`, once done, has the shape `result`. */
export function jobSchemaOf(kind: string, result: JsonSchema): JsonSchema {
  return {
    ...jobSchema,
    properties: {
      ...(jobSchema.properties as Record<string, JsonSchema>),
      kind: { type: 'string', enum: [kind] },
      result: { oneOf: [{ type: 'null' }, result] },
    },
  };
}

/** Routes under /api/jobs. */
export function jobRoutes(): RouteDefinition[] {
  return [
    idRoute(
      {
        method: 'get',
        path: '/api/jobs/:id',
        // Every signed-in caller; the operation lets only the starter, admins and auditors read a job.
        permission: 'session.self',
        summary: 'Progress and, when done, the result of a long computation (what-if run)',
        description:
          'Jobs live in the memory of the API process that started them, for a while: poll the node that answered the 202.',
        tags: ['jobs'],
        responses: {
          200: { description: 'The job', schema: jobSchema },
          403: { description: '`job.forbidden`: another user’s job', schema: errorSchema },
          404: { description: '`job.not_found`: unknown or forgotten', schema: errorSchema },
        },
      },
      (ops, input) => ops.getJobView(input),
    ),
  ];
}
