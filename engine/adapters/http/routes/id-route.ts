/** @module The route acting on the one thing its path's `:id` names, for the caller: read it, revoke it, reset it. */
import type { Operations } from '../../../app/operations.ts';
import type { Actor } from '../../../app/permissions.ts';
import { defineRoute, type RouteDefinition } from '../route.ts';
import { idParamsSchema } from '../schemas.ts';

/** What an id route declares: everything but its path parameters and handler, which are always the same. */
export type IdRouteDocs = Omit<RouteDefinition, 'request' | 'handler'>;

/** The operation call of an id route, given the caller and the id. */
export type IdRun = (ops: Operations, input: { actor: Actor; id: string }) => unknown;

/** A route on `…/:id` whose handler passes the caller and the id to one operation (`run`) and answers what it returns. */
export const idRoute = (docs: IdRouteDocs, run: IdRun): RouteDefinition =>
  defineRoute<unknown, Record<string, unknown>, { id: string }>({
    ...docs,
    request: { params: idParamsSchema },
    handler: ({ ops, auth, params }) => run(ops, { actor: auth!.actor, id: params.id }),
  });
