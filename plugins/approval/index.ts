/** @module Online approval plugin: monthly approval items per unit as indicator data; cases handed to the approval system, their status and decision reported back by webhook (the decision moves the case). */
import {
  DeliveryFailure,
  definePlugin,
  type IndicatorDatum,
  type InboundCommand,
  itemsOf,
  schemaGuard,
  trackHandoff,
} from '../../engine/core/plugin-api.ts';

interface ApprovalConfig {
  baseUrl: string;
  countIndicatorId?: string;
  onTimeRateIndicatorId?: string;
  defaultItemCode?: string;
  /** The workflow action a decision takes on the case (default `approvalDecided`). */
  decisionAction?: string;
}

interface ApprovalCredentials {
  apiKey: string;
  webhookSecret: string;
}

/** One unit's month as the approval system reports it. */
interface UnitStats {
  unitId: string;
  /** Items finished in the month. */
  finished: number;
  /** Of those, finished within the legal time limit. */
  onTime: number;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

const urlOf = (config: ApprovalConfig, path: string) => `${config.baseUrl.replace(/\/+$/, '')}${path}`;

const hasUnitStats = schemaGuard<UnitStats>({
  type: 'object',
  required: ['unitId', 'finished', 'onTime'],
  properties: {
    unitId: { type: 'string' },
    finished: { type: 'integer', minimum: 0 },
    onTime: { type: 'integer', minimum: 0 },
  },
});
const isUnitStats = (value: unknown): value is UnitStats =>
  hasUnitStats(value) && value.onTime <= value.finished;

/** Indicator values from the approval system's monthly statistics: item count and on-time rate per unit. */
export function indicatorDataOf(body: unknown, config: Partial<ApprovalConfig>): IndicatorDatum[] {
  const units = (body as { units?: unknown })?.units;
  if (!Array.isArray(units))
    throw new DeliveryFailure('the approval system sent no units', { isPermanent: true });
  const count = config.countIndicatorId ?? 'approval-items';
  const rate = config.onTimeRateIndicatorId ?? 'approval-on-time-rate';
  return units.filter(isUnitStats).flatMap((u) => [
    { indicatorId: count, unitId: u.unitId, value: u.finished },
    // No items: the rate is unknown, not 0 or 1.
    {
      indicatorId: rate,
      unitId: u.unitId,
      value: u.finished === 0 ? null : Math.round((u.onTime / u.finished) * 10000) / 10000,
    },
  ]);
}

/** Statuses that are the approval system's decision on the item: they move the case in its workflow. */
const DECISIONS = new Set(['approved', 'rejected']);

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * One status report `{handoffId, caseNumber, caseId?, status, note?, at?}` (or `{reports: [...]}`) →
 * commands. A decision (`status` `approved` / `rejected`, with `reason`, `decidedBy`, `decidedAt`)
 * also takes the workflow action `decisionAction` (default `approvalDecided`) on the case; the
 * workflow's input schema and guard check it (a rejection needs its reason), so a malformed
 * decision is refused with a 400 and nothing of it is recorded.
 */
export function handoffCommandsOf(payload: unknown, config: Partial<ApprovalConfig> = {}): InboundCommand[] {
  const commands: InboundCommand[] = [];
  for (const item of itemsOf(payload, 'reports')) {
    const r = item as Record<string, unknown>;
    if (typeof r !== 'object' || r === null) continue;
    if (typeof r.handoffId !== 'string' || typeof r.caseNumber !== 'string' || typeof r.status !== 'string')
      continue;
    const reason = textOf(r.reason) ?? textOf(r.note);
    const decidedAt = textOf(r.decidedAt) ?? textOf(r.at);
    const decidedBy = textOf(r.decidedBy);
    commands.push(
      trackHandoff({
        caseNumber: r.caseNumber,
        externalId: r.handoffId,
        status: r.status,
        caseId: typeof r.caseId === 'string' ? r.caseId : undefined,
        note: reason,
        at: typeof r.at === 'string' ? r.at : undefined,
        action: DECISIONS.has(r.status)
          ? {
              name: config.decisionAction ?? 'approvalDecided',
              input: { decision: r.status, handoffId: r.handoffId, reason, decidedBy, decidedAt },
            }
          : undefined,
      }),
    );
  }
  return commands;
}

export default definePlugin<ApprovalConfig, ApprovalCredentials>({
  name: 'approval',
  hooks: {
    async fetchIndicatorData({ period, config, credentials, http }) {
      if (!PERIOD.test(period)) {
        throw new DeliveryFailure(`period "${period}" is not a month (YYYY-MM)`, { isPermanent: true });
      }
      const response = await http.request(urlOf(config, `/api/stats/monthly?month=${period}`), {
        headers: { authorization: `Bearer ${credentials.apiKey}` },
      });
      if (!response.ok) {
        throw new DeliveryFailure(`the approval system answered ${response.status}`, {
          statusCode: response.status,
        });
      }
      return indicatorDataOf(response.body, config);
    },
    async onEvent({ event, config, credentials, http }) {
      const p = event.payload;
      if (typeof p.caseNumber !== 'string') {
        throw new DeliveryFailure('the handoff event names no case number', { isPermanent: true });
      }
      // The Idempotency-Key header (the delivery id) lets the approval system drop a re-sent handoff.
      await http.postJson(
        urlOf(config, '/api/handoffs'),
        {
          caseNumber: p.caseNumber,
          caseId: p.caseId ?? null,
          itemCode: typeof p.itemCode === 'string' ? p.itemCode : (config.defaultItemCode ?? 'GENERAL'),
          category: p.category ?? null,
          text: p.text ?? null,
          unitId: p.leadUnitId ?? null,
          deadline: p.deadline ?? null,
          handedOffAt: event.createdAt,
        },
        // Signed by the host (x-baton-timestamp, x-baton-signature) with the secret shared with the
        // approval system, which also signs its status reports with it.
        {
          headers: { authorization: `Bearer ${credentials.apiKey}` },
          sign: { secret: credentials.webhookSecret },
        },
      );
    },
    onWebhook: ({ payload, config }) => handoffCommandsOf(payload, config),
    async testConnection({ config, credentials, http }) {
      const response = await http.request(urlOf(config, '/api/ping'), {
        headers: { authorization: `Bearer ${credentials.apiKey}` },
      });
      return response.ok
        ? { ok: true, message: 'approval system reachable' }
        : { ok: false, message: `approval system answered ${response.status}` };
    },
  },
});
