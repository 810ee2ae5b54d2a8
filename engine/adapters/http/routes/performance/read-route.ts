/** @module The read routes of /api/performance: a GET whose query, with the caller, goes to one operation. */
import type { Operations } from '../../../../app/operations.ts';
import { defineRoute, type JsonSchema, type RouteDefinition, type RouteResponse } from '../../route.ts';
import { actorOf, errors } from './schemas.ts';

/**
 * GET `path` for `performance.read`: the query (`query`, validated) and the caller go to `ops[operation]`,
 * whose answer is the 200 (`ok`); the errors are those of every performance route.
 */
export const performanceRead = (
  path: string,
  summary: string,
  query: JsonSchema,
  ok: RouteResponse,
  operation: keyof Operations,
): RouteDefinition =>
  defineRoute<unknown, Record<string, unknown>>({
    method: 'get',
    path,
    permission: 'performance.read',
    summary,
    tags: ['performance'],
    request: { query },
    responses: { 200: ok, ...errors },
    handler: ({ ops, auth, query: input }) =>
      (ops[operation] as (input: unknown) => unknown)({ actor: actorOf(auth), ...input }),
  });
