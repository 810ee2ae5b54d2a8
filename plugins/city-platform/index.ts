/** @module City-level platform plugin: cases transferred from the city 12345 platform become cases; replies and closings are transferred back. */
import {
  DeliveryFailure,
  definePlugin,
  type InboundCommand,
  itemsOf,
  schemaGuard,
} from '../../engine/core/plugin-api.ts';

interface CityConfig {
  baseUrl: string;
  channel?: string;
  districtCode?: string;
}

interface CityCredentials {
  apiKey: string;
  webhookSecret: string;
}

/** One transfer as the city platform sends it. */
interface Transfer {
  transferId: string;
  content: string;
  category?: string;
  address?: string;
  citizenName?: string;
  citizenPhone?: string;
}

const isTransfer = schemaGuard<Transfer>({
  type: 'object',
  required: ['transferId', 'content'],
  properties: { transferId: { type: 'string', minLength: 1 }, content: { type: 'string', minLength: 1 } },
});

/** Commands for a webhook payload `{transfers: Transfer[]}` (or one transfer). */
export function transferCommandsOf(payload: unknown, config: Partial<CityConfig>): InboundCommand[] {
  return itemsOf(payload, 'transfers')
    .filter(isTransfer)
    .map((t) => ({
      type: 'intakeCase' as const,
      input: {
        channel: config.channel ?? 'city-transfer',
        externalId: t.transferId,
        text: t.content,
        ...(t.category ? { category: t.category } : {}),
        ...(t.address ? { location: { address: t.address } } : {}),
        ...(t.citizenName || t.citizenPhone
          ? {
              requester: {
                ...(t.citizenName ? { name: t.citizenName } : {}),
                ...(t.citizenPhone ? { phone: t.citizenPhone } : {}),
              },
            }
          : {}),
      },
    }));
}

/**
 * The result sent back for a `case.reply` (the unit answered) or `case.closed` (the case was
 * archived) event; both payloads carry the reply text, lead unit and nearest deadline (see
 * /asyncapi.json, message caseAction / caseFinal).
 */
export function resultOf(
  topic: string,
  payload: Record<string, unknown>,
  config: Partial<CityConfig>,
  at: string,
): Record<string, unknown> {
  return {
    districtCode: config.districtCode ?? '330100',
    caseNumber: payload.caseNumber ?? null,
    result: topic === 'case.closed' ? 'closed' : 'replied',
    reply: typeof payload.reply === 'string' ? payload.reply : null,
    unitId: typeof payload.leadUnitId === 'string' ? payload.leadUnitId : null,
    deadline: typeof payload.deadline === 'string' ? payload.deadline : null,
    at,
  };
}

export default definePlugin<CityConfig, CityCredentials>({
  name: 'city-platform',
  hooks: {
    onWebhook: ({ payload, config }) => transferCommandsOf(payload, config),
    async onEvent({ event, config, credentials, http }) {
      const { channel, externalId } = event.payload;
      // Only cases the city platform transferred in go back to it.
      if (channel !== (config.channel ?? 'city-transfer')) return;
      if (typeof externalId !== 'string' || externalId === '') {
        throw new DeliveryFailure('a city-transfer case carries no transfer id', { isPermanent: true });
      }
      await http.postJson(
        `${config.baseUrl.replace(/\/+$/, '')}/api/transfers/${encodeURIComponent(externalId)}/result`,
        resultOf(event.topic, event.payload, config, event.createdAt),
        // Signed with the shared webhook secret (x-baton-timestamp, x-baton-signature), as the city signs to Baton.
        {
          headers: { authorization: `Bearer ${credentials.apiKey}` },
          sign: { secret: credentials.webhookSecret },
        },
      );
    },
    async testConnection({ config, credentials, http }) {
      const response = await http.request(`${config.baseUrl.replace(/\/+$/, '')}/api/ping`, {
        headers: { authorization: `Bearer ${credentials.apiKey}` },
      });
      return response.ok
        ? { ok: true, message: 'city platform reachable' }
        : { ok: false, message: `city platform answered ${response.status}` };
    },
  },
});
