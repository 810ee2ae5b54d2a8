/** @module Replaying a dead delivery. */
import { ConflictError, NotFoundError } from '../../core/errors.ts';
import type { Delivery } from '../../ports/plugins.ts';
import type { PluginDeps } from './shared.ts';

/** Sends a dead delivery again with a fresh retry budget. */
export async function replayDelivery(deps: PluginDeps, input: { id: string }): Promise<Delivery> {
  const delivery = await deps.plugins.getDelivery(input.id);
  if (!delivery) {
    throw new NotFoundError('delivery.not_found', {
      en: `Delivery "${input.id}" does not exist.`,
      zh: `投递记录“${input.id}”不存在。`,
    });
  }
  if (!(await deps.plugins.replayDelivery(input.id, deps.clock.now().toISOString()))) {
    throw new ConflictError(
      'delivery.not_dead',
      {
        en: `Only dead deliveries can be replayed; this one is ${delivery.status}.`,
        zh: `只能重放死信投递；该投递状态为 ${delivery.status}。`,
      },
      { details: { status: delivery.status } },
    );
  }
  return (await deps.plugins.getDelivery(input.id))!;
}
