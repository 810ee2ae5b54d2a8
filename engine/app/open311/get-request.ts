/** @module getOpen311Request: one request by its opaque id. */
import { NotFoundError } from '../../core/errors.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { text } from './ids.ts';
import type { Open311Lang, Open311Request } from './model.ts';
import { checkReader, recordOfPublicId, viewsOf } from './request-view.ts';

const requestNotFound = () =>
  new NotFoundError(
    'open311.request_not_found',
    text('No service request has this service_request_id.', '没有该 service_request_id 的服务请求。'),
  );

/** One request by its opaque id; 404 for anything else (a case number included). */
export async function getOpen311Request(
  deps: AppDeps,
  input: { actor: Actor | null; id: string; lang: Open311Lang },
): Promise<Open311Request> {
  checkReader(input.actor);
  const record = await recordOfPublicId(deps, input, input.id);
  if (!record) throw requestNotFound();
  return (await viewsOf(deps, [record], input, input.lang))[0]!;
}
