/** @module 110 linkage plugin: non-police incidents become cases; case status goes back to the 110 system. */
import { definePlugin, type InboundCommand } from '../../engine/core/plugin-api.ts';

interface LinkageConfig {
  baseUrl: string;
  channel?: string;
  defaultCategory?: string;
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

const isIncident = (value: unknown): value is Incident => {
  const v = value as Incident;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.incidentId === 'string' &&
    v.incidentId !== '' &&
    typeof v.description === 'string'
  );
};

/** Commands for a webhook payload `{incidents: Incident[]}` (or one incident). */
export function commandsOf(payload: unknown, config: Partial<LinkageConfig>): InboundCommand[] {
  const list = Array.isArray((payload as { incidents?: unknown })?.incidents)
    ? (payload as { incidents: unknown[] }).incidents
    : [payload];
  return list
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

export default definePlugin<LinkageConfig, LinkageCredentials>({
  name: 'linkage-110',
  hooks: {
    onWebhook: ({ payload, config }) => commandsOf(payload, config),
    async onEvent({ event, config, credentials, http }) {
      const { channel, externalId, caseNumber, status } = event.payload;
      // Only cases that came from 110 report back.
      if (channel !== (config.channel ?? '110') || typeof externalId !== 'string') return;
      const url = `${config.baseUrl.replace(/\/+$/, '')}/api/incidents/${encodeURIComponent(externalId)}/status`;
      await http.postJson(
        url,
        {
          caseNumber,
          status: status ?? event.topic.slice('case.'.length),
          topic: event.topic,
          at: event.createdAt,
        },
        { headers: { authorization: `Bearer ${credentials.apiKey}` } },
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
