/** @module Baton's webhook signature (HMAC-SHA256 of `timestamp.body` with the shared secret), and a webhook posted to Baton signed as an outside system signs it, for the tests and simulators that play one. */
import { createHmac } from 'node:crypto';
import { serverNow } from './server.ts';

/** The `sha256=…` signature header of the raw `body` sent at `timestamp` (Unix seconds), signed with `secret`. */
export const webhookSignature = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** The POST of the raw JSON `body` to a Baton webhook, with the timestamp, signature and delivery id headers it is checked by. */
export const webhookPost = (
  body: string,
  sent: { timestamp: string; signature: string; delivery: string },
): RequestInit => ({
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    'x-baton-timestamp': sent.timestamp,
    'x-baton-signature': sent.signature,
    'x-baton-delivery': sent.delivery,
  },
  body,
});

/**
 * POSTs the JSON text `body` to `plugin`'s webhook on the server at `url`, signed with `secret` at the
 * product's time, as the outside system would (its clock agrees with Baton's), under the delivery id
 * `delivery`; `timestampShift` seconds move the timestamp header away from the signed one (a tampered request).
 */
export async function postSignedWebhook(
  url: string,
  plugin: string,
  request: { body: string; secret: string; delivery: string; timestampShift?: number },
): Promise<Response> {
  const timestamp = String(Math.floor(Date.parse(await serverNow(url)) / 1000));
  return fetch(
    `${url}/api/plugins/${plugin}/webhook`,
    webhookPost(request.body, {
      timestamp: String(Number(timestamp) + (request.timestampShift ?? 0)),
      signature: webhookSignature(request.secret, timestamp, request.body),
      delivery: request.delivery,
    }),
  );
}
