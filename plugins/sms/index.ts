/** @module SMS plugin: texts the requester on case acceptance and closing through an SMS gateway. */
import { definePlugin, renderTemplate } from '../../engine/core/plugin-api.ts';

interface SmsConfig {
  baseUrl: string;
  signName?: string;
  acceptedTemplate?: string;
  closedTemplate?: string;
}

interface SmsCredentials {
  apiKey: string;
}

// The query password never leaves intake: the citizen has it from the call or the portal receipt.
const DEFAULT_ACCEPTED =
  '您的诉求已受理，办件编号{caseNumber}，办理时限{deadline}。查询密码见受理时告知的回执。';
const DEFAULT_CLOSED = '您的诉求（办件编号{caseNumber}）已办结，感谢您的支持，欢迎评价。';

const urlOf = (config: SmsConfig, path: string) => `${config.baseUrl.replace(/\/+$/, '')}${path}`;

/** The message for an event, or null when the event carries no phone number. */
export function smsMessageOf(
  topic: string,
  payload: Record<string, unknown>,
  config: SmsConfig,
): { to: string; text: string } | null {
  const phone = payload.requesterPhone;
  if (typeof phone !== 'string' || phone === '') return null;
  const template =
    topic === 'case.closed'
      ? (config.closedTemplate ?? DEFAULT_CLOSED)
      : (config.acceptedTemplate ?? DEFAULT_ACCEPTED);
  const values = { ...payload, deadline: payload.deadline ?? '以短信通知为准' };
  return { to: phone, text: `【${config.signName ?? '区12345'}】${renderTemplate(template, values)}` };
}

export default definePlugin<SmsConfig, SmsCredentials>({
  name: 'sms',
  hooks: {
    async onEvent({ event, config, credentials, http, log }) {
      const message = smsMessageOf(event.topic, event.payload, config);
      if (!message) {
        log.info('no requester phone: nothing to send', { eventId: event.id });
        return;
      }
      // The host adds the Idempotency-Key header; the gateway drops repeats of the same key.
      await http.postJson(urlOf(config, '/v1/messages'), message, {
        headers: { authorization: `Bearer ${credentials.apiKey}` },
      });
    },
    async testConnection({ config, credentials, http }) {
      const response = await http.request(urlOf(config, '/v1/status'), {
        headers: { authorization: `Bearer ${credentials.apiKey}` },
      });
      return response.ok
        ? { ok: true, message: 'gateway reachable' }
        : { ok: false, message: `gateway answered ${response.status}` };
    },
  },
});
