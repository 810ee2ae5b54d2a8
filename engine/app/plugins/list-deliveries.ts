/** @module Listing the delivery log. */
import type { Delivery, DeliveryStatus } from '../../ports/plugins.ts';
import type { PluginDeps } from './shared.ts';

/** The delivery log, newest first, with attempts. */
export async function listDeliveries(
  deps: PluginDeps,
  input: { plugin?: string; status?: DeliveryStatus; limit?: number },
): Promise<Delivery[]> {
  return deps.plugins.listDeliveries({ ...input, limit: input.limit ?? 100, withAttempts: true });
}
