/**
 * @module Simulated online approval system (网上行政审批), a real process: takes Baton's signed
 * hand-offs (POST /api/handoffs), answers with its item id and at once reports `accepted` back to
 * Baton's signed webhook; on the admin command `decide` it sends the decision (approved / rejected,
 * reason, who, when) the way the approval system would.
 */
import { type CallOptions, callBaton, handoffDesk, log, runOutsideSystem } from './outside-sim.ts';
import { simNow } from './sim-process.ts';

/** Items opened from Baton's hand-offs, by case number; the reports on them (first: the item is registered). */
const desk = handoffDesk({
  path: /^\/api\/handoffs$/,
  idField: 'handoffId',
  idPrefix: 'AP',
  timeField: 'at',
  firstReport: { status: 'accepted' },
});

runOutsideSystem({
  routes: [desk.route],
  admin: {
    /** `{caseNumber, decision, reason?, decidedBy, ...CallOptions}` → the decision sent to Baton. */
    decide: async (body) =>
      callBaton(
        desk.reportOf(String(body.caseNumber), {
          status: body.decision,
          ...(body.reason ? { reason: body.reason } : {}),
          ...(body.decidedBy ? { decidedBy: body.decidedBy } : {}),
          decidedAt: new Date(simNow()).toISOString(),
        }),
        body as CallOptions,
      ),
    items: desk.items,
    reset: () => {
      log.sent.length = 0;
      return { ok: true };
    },
  },
});
