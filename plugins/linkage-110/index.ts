/** @module 110 linkage plugin, both ways: non-police incidents from 110 become cases and their status goes back; cases with police relevance are handed to 110 (case.handoff.police) and 110's feedback moves them on. */
import {
  DeliveryFailure,
  definePlugin,
  type InboundCommand,
  itemsOf,
  schemaGuard,
  trackHandoff,
} from '../../engine/core/plugin-api.ts';

interface LinkageConfig {
  baseUrl: string;
  channel?: string;
  defaultCategory?: string;
  /** The workflow action 110's feedback on a handed-over case takes (default `policeFeedback`). */
  feedbackAction?: string;
}

interface LinkageCredentials {
  webhookSecret: string;
  apiKey: string;
}

/** One incident as the 110 system sends it. */
interface Incident {
  incidentId: string;
  /** Police matters stay with the police; only the others become cases. */
  isPoliceMatter?: boolean;
  category?: string;
  description: string;
  address?: string;
  lat?: number;
  lng?: number;
  callerName?: string;
  callerPhone?: string;
}

const isIncident = schemaGuard<Incident>({
  type: 'object',
  required: ['incidentId', 'description'],
  properties: { incidentId: { type: 'string', minLength: 1 }, description: { type: 'string' } },
});

/** Incidents of a webhook payload `{incidents: Incident[]}` (or one incident) → intake commands. */
function incidentCommandsOf(payload: unknown, config: Partial<LinkageConfig>): InboundCommand[] {
  return itemsOf(payload, 'incidents')
    .filter(isIncident)
    .filter((incident) => incident.isPoliceMatter !== true)
    .map((incident) => ({
      type: 'intakeCase' as const,
      input: {
        channel: config.channel ?? '110',
        externalId: incident.incidentId,
        category: incident.category ?? config.defaultCategory ?? '110-non-police',
        text: incident.description,
        ...(incident.address || incident.lat !== undefined
          ? {
              location: {
                ...(incident.address ? { address: incident.address } : {}),
                ...(typeof incident.lat === 'number' ? { lat: incident.lat } : {}),
                ...(typeof incident.lng === 'number' ? { lng: incident.lng } : {}),
              },
            }
          : {}),
        ...(incident.callerName || incident.callerPhone
          ? {
              requester: {
                ...(incident.callerName ? { name: incident.callerName } : {}),
                ...(incident.callerPhone ? { phone: incident.callerPhone } : {}),
              },
            }
          : {}),
      },
    }));
}

/** 110's feedback on a case Baton handed to it (case.handoff.police). */
interface Feedback {
  /** 110's id of the handed-over item (its 接警编号). */
  incidentId: string;
  caseNumber: string;
  caseId?: string;
  /** `received` (110 took it), `handled` (dealt with) or `returned` (not a police matter: back to 12345). */
  outcome: string;
  result?: string;
  handledBy?: string;
  handledAt?: string;
}

/** Outcomes that move the case: the rest (e.g. `received`) are recorded as statuses only. */
const MOVING_OUTCOMES = new Set(['handled', 'returned']);

const isFeedback = schemaGuard<Feedback>({
  type: 'object',
  required: ['incidentId', 'caseNumber', 'outcome'],
  properties: {
    incidentId: { type: 'string', minLength: 1 },
    caseNumber: { type: 'string' },
    outcome: { type: 'string', pattern: '^[a-z][A-Za-z]{0,39}$' },
  },
});

/**
 * Feedback `{feedback: Feedback[]}` → one `trackHandoff` each; `handled` and `returned` also take the
 * workflow action `feedbackAction` (default `policeFeedback`) whose input the workflow checks
 * (outcome, result, handledBy, handledAt), so the case leaves 已移交110 exactly once.
 */
function feedbackCommandsOf(payload: unknown, config: Partial<LinkageConfig>): InboundCommand[] {
  const list = (payload as { feedback: unknown[] }).feedback;
  return list.filter(isFeedback).map((f) =>
    trackHandoff({
      caseNumber: f.caseNumber,
      externalId: f.incidentId,
      status: f.outcome,
      caseId: typeof f.caseId === 'string' ? f.caseId : undefined,
      note: typeof f.result === 'string' && f.result !== '' ? f.result : undefined,
      at: typeof f.handledAt === 'string' ? f.handledAt : undefined,
      action: MOVING_OUTCOMES.has(f.outcome)
        ? {
            name: config.feedbackAction ?? 'policeFeedback',
            input: {
              outcome: f.outcome,
              handoffId: f.incidentId,
              result: typeof f.result === 'string' ? f.result : undefined,
              handledBy: typeof f.handledBy === 'string' ? f.handledBy : undefined,
              handledAt: typeof f.handledAt === 'string' ? f.handledAt : undefined,
            },
          }
        : undefined,
    }),
  );
}

/**
 * Commands for a webhook payload: `{incidents: Incident[]}` (or one incident) become cases, one per
 * incident id; `{feedback: Feedback[]}` reports on cases handed to 110.
 */
export function commandsOf(payload: unknown, config: Partial<LinkageConfig>): InboundCommand[] {
  if (Array.isArray((payload as { feedback?: unknown })?.feedback))
    return feedbackCommandsOf(payload, config);
  return incidentCommandsOf(payload, config);
}

/** What 110 receives for a case handed to it: the case, its incident type and location, no requester data. */
export function handoffOf(payload: Record<string, unknown>, at: string): Record<string, unknown> {
  return {
    caseNumber: payload.caseNumber,
    caseId: payload.caseId ?? null,
    category: payload.category ?? null,
    incidentType: payload.itemCode ?? null,
    text: payload.text ?? null,
    location: payload.location ?? null,
    channel: payload.channel ?? null,
    externalId: payload.externalId ?? null,
    handedOffAt: at,
  };
}

export default definePlugin<LinkageConfig, LinkageCredentials>({
  name: 'linkage-110',
  hooks: {
    onWebhook: ({ payload, config }) => commandsOf(payload, config),
    async onEvent({ event, config, credentials, http }) {
      const base = config.baseUrl.replace(/\/+$/, '');
      // Signed with the shared webhook secret (x-baton-timestamp, x-baton-signature), as 110 signs to Baton.
      const options = {
        headers: { authorization: `Bearer ${credentials.apiKey}` },
        sign: { secret: credentials.webhookSecret },
      };
      if (event.topic === 'case.handoff.police') {
        if (typeof event.payload.caseNumber !== 'string')
          throw new DeliveryFailure('the hand-off names no case number', { isPermanent: true });
        await http.postJson(
          `${base}/api/linkage/handoffs`,
          handoffOf(event.payload, event.createdAt),
          options,
        );
        return;
      }
      const { channel, externalId, caseNumber, to } = event.payload;
      // Only cases that came from 110 report their status back.
      if (channel !== (config.channel ?? '110') || typeof externalId !== 'string') return;
      await http.postJson(
        `${base}/api/incidents/${encodeURIComponent(externalId)}/status`,
        {
          caseNumber,
          status: event.topic.slice('case.'.length),
          state: typeof to === 'string' ? to : null,
          topic: event.topic,
          reply: typeof event.payload.reply === 'string' ? event.payload.reply : null,
          at: event.createdAt,
        },
        options,
      );
    },
    async testConnection({ config, credentials, http }) {
      const response = await http.request(`${config.baseUrl.replace(/\/+$/, '')}/api/ping`, {
        headers: { authorization: `Bearer ${credentials.apiKey}` },
      });
      return {
        ok: response.ok,
        message: response.ok ? '110 system reachable' : `110 system answered ${response.status}`,
      };
    },
  },
});
