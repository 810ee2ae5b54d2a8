/**
 * @module Simulated city-level 12345 platform (市级平台), a real process: sends signed case transfers
 * to Baton's webhook on the admin command `transfer`, and takes Baton's signed results
 * (POST /api/transfers/:id/result: the reply and the closing), refusing unsigned ones.
 */
import { type CallOptions, callBaton, runOutsideSystem } from './outside-sim.ts';
import { sendJson } from './sim-process.ts';

runOutsideSystem({
  routes: [
    {
      method: 'POST',
      path: /^\/api\/transfers\/[^/]+\/result$/,
      handle: (_request, res) => sendJson(res, 200, { ok: true }),
    },
  ],
  admin: {
    /** `{transfer: {transferId, content, ...}, ...CallOptions}` → one transfer sent to Baton. */
    transfer: (body) => callBaton({ transfers: [body.transfer] }, body as CallOptions),
  },
});
