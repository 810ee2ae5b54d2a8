/**
 * @module Simulated 110 linkage system (110 联动), a real process, both ways: sends signed incidents
 * (non-police matters for 12345) to Baton's webhook on the command `incident`; takes Baton's signed
 * hand-offs of police matters (POST /api/linkage/handoffs), answers with its incident id and at once
 * reports `received`; sends its feedback on a handed-over case (`handled` with the result, or
 * `returned` as not a police matter) on the command `feedback`; takes Baton's signed status updates
 * of the incidents it sent (POST /api/incidents/:id/status).
 */
import { type CallOptions, callBaton, handoffDesk, runOutsideSystem } from './outside-sim.ts';
import { sendJson } from './sim-process.ts';

/** Incidents opened from Baton's hand-offs, by case number; 110's feedback on them. */
const desk = handoffDesk({
  path: /^\/api\/linkage\/handoffs$/,
  idField: 'incidentId',
  idPrefix: 'JJ',
  timeField: 'handledAt',
  wrap: (report) => ({ feedback: [report] }),
  firstReport: { outcome: 'received' },
});

runOutsideSystem({
  routes: [
    desk.route,
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
        desk.reportOf(String(body.caseNumber), {
          outcome: body.outcome,
          ...(body.result ? { result: body.result } : {}),
          ...(body.handledBy ? { handledBy: body.handledBy } : {}),
        }),
        body as CallOptions,
      ),
    opened: desk.items,
  },
});
