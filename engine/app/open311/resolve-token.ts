/** @module resolveOpen311Token: the request a token stands for. */
import { NotFoundError } from '../../core/errors.ts';
import type { AppDeps } from '../context.ts';
import { publicIdOf, text } from './ids.ts';
import { recordOfPublicId } from './request-view.ts';

/** A token stands for the request it created: `{service_request_id, token}`; 404 when unknown. */
export async function resolveOpen311Token(
  deps: AppDeps,
  input: { token: string },
): Promise<{ service_request_id: string; token: string }> {
  const record = await recordOfPublicId(deps, { actor: null }, input.token);
  if (!record)
    throw new NotFoundError(
      'open311.token_not_found',
      text('No request has this token.', '没有该 token 对应的请求。'),
    );
  return { service_request_id: publicIdOf(record.id), token: input.token };
}
