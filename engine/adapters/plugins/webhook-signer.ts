/** @module HMAC-SHA256 webhook signatures over `timestamp.body`. */
import { createHmac } from 'node:crypto';
import type { WebhookSigner } from '../../ports/plugins.ts';

/** Signs with HMAC-SHA256, hex. */
export const hmacSigner: WebhookSigner = {
  sign: (secret, text) => createHmac('sha256', secret).update(text, 'utf8').digest('hex'),
};
