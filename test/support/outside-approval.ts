/**
 * @module Simulated online approval system (网上行政审批), a real process: takes Baton's signed
 * hand-offs (POST /api/handoffs), answers with its item id and at once reports `accepted` back to
 * Baton's signed webhook; on the admin command `decide` it sends the decision (approved / rejected,
 * reason, who, when) the way the approval system would.
 */
import { randomUUID } from 'node:crypto';
import { type CallOptions, callBaton, log, runOutsideSystem } from './outside-sim.ts';
import { sendJson, simNow } from './sim-process.ts';

/** Items opened from Baton's hand-offs, by case number. */
const items = new Map<string, { handoffId: string; caseId: string | null }>();

const reportOf = (caseNumber: string, fields: Record<string, unknown>) => {
  const item = items.get(caseNumber);
  return {
    handoffId: item?.handoffId ?? `AP-unknown-${caseNumber}`,
    caseNumber,
    ...(item?.caseId ? { caseId: item.caseId } : {}),
    at: new Date(simNow()).toISOString(),
    ...fields,
  };
};

runOutsideSystem({
  routes: [
    {
      method: 'POST',
      path: /^\/api\/handoffs$/,
      handle(request, res) {
        const caseNumber = String(request.body.caseNumber);
        const handoffId = `AP-${randomUUID().slice(0, 8)}`;
        items.set(caseNumber, {
          handoffId,
          caseId: typeof request.body.caseId === 'string' ? request.body.caseId : null,
        });
        sendJson(res, 201, { handoffId });
        // The item is registered: the approval system tells Baton so (after answering, like a queue would).
        setImmediate(() => {
          void callBaton(reportOf(caseNumber, { status: 'accepted' }));
        });
      },
    },
  ],
  admin: {
    /** `{caseNumber, decision, reason?, decidedBy, ...CallOptions}` → the decision sent to Baton. */
    decide: async (body) =>
      callBaton(
        reportOf(String(body.caseNumber), {
          status: body.decision,
          ...(body.reason ? { reason: body.reason } : {}),
          ...(body.decidedBy ? { decidedBy: body.decidedBy } : {}),
          decidedAt: new Date(simNow()).toISOString(),
        }),
        body as CallOptions,
      ),
    items: () => Object.fromEntries(items),
    reset: () => {
      log.sent.length = 0;
      return { ok: true };
    },
  },
});
