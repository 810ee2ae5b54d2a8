/**
 * @module Simulated 110 linkage system (110 联动), a real process, both ways: sends signed incidents
 * (non-police matters for 12345) to Baton's webhook on the command `incident`; takes Baton's signed
 * hand-offs of police matters (POST /api/linkage/handoffs), answers with its incident id and at once
 * reports `received`; sends its feedback on a handed-over case (`handled` with the result, or
 * `returned` as not a police matter) on the command `feedback`; takes Baton's signed status updates
 * of the incidents it sent (POST /api/incidents/:id/status).
 */
import { randomUUID } from 'node:crypto';
import { type CallOptions, callBaton, runOutsideSystem } from './outside-sim.ts';
import { sendJson, simNow } from './sim-process.ts';

/** Incidents opened from Baton's hand-offs, by case number. */
const opened = new Map<string, { incidentId: string; caseId: string | null }>();

const feedbackOf = (caseNumber: string, fields: Record<string, unknown>) => {
  const item = opened.get(caseNumber);
  return {
    feedback: [
      {
        incidentId: item?.incidentId ?? `JJ-unknown-${caseNumber}`,
        caseNumber,
        ...(item?.caseId ? { caseId: item.caseId } : {}),
        handledAt: new Date(simNow()).toISOString(),
        ...fields,
      },
    ],
  };
};

runOutsideSystem({
  routes: [
    {
      method: 'POST',
      path: /^\/api\/linkage\/handoffs$/,
      handle(request, res) {
        const caseNumber = String(request.body.caseNumber);
        const incidentId = `JJ-${randomUUID().slice(0, 8)}`;
        opened.set(caseNumber, {
          incidentId,
          caseId: typeof request.body.caseId === 'string' ? request.body.caseId : null,
        });
        sendJson(res, 201, { incidentId });
        setImmediate(() => {
          void callBaton(feedbackOf(caseNumber, { outcome: 'received' }));
        });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/incidents\/[^/]+\/status$/,
      handle: (_request, res) => sendJson(res, 200, { ok: true }),
    },
  ],
  admin: {
    /** `{incident: {incidentId, description, ...}, ...CallOptions}` → one incident sent to Baton. */
    incident: (body) => callBaton({ incidents: [body.incident] }, body as CallOptions),
    /** `{caseNumber, outcome, result, handledBy, ...CallOptions}` → 110's feedback sent to Baton. */
    feedback: (body) =>
      callBaton(
        feedbackOf(String(body.caseNumber), {
          outcome: body.outcome,
          ...(body.result ? { result: body.result } : {}),
          ...(body.handledBy ? { handledBy: body.handledBy } : {}),
        }),
        body as CallOptions,
      ),
    opened: () => Object.fromEntries(opened),
  },
});
