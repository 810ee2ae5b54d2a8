/** @module Outbound HMAC signing by the host (`PluginHttpInit.sign`): a receiver with the shared secret verifies timestamp and body; the approval plugin signs its hand-offs. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPluginHttp } from '../../../../engine/adapters/plugins/plugin-http.ts';
import { DeliveryFailure, type PluginEvent } from '../../../../engine/core/plugin-api.ts';
import approval from '../../../../plugins/approval/index.ts';

const SECRET = 'shared-secret-0123456789abcdef';
const NOW = new Date('2026-03-02T08:00:00Z');

/** A receiver as an outside system would write it: node:crypto only, over the raw bytes it got. */
function receiver(secret: string, toleranceS = 300) {
  const received: Array<{ headers: Headers; raw: string; isValid: boolean }> = [];
  const verify = (headers: Headers, raw: string, nowS: number): boolean => {
    const timestamp = headers.get('x-baton-timestamp') ?? '';
    const signature = (headers.get('x-baton-signature') ?? '').replace(/^sha256=/, '');
    if (!/^\d+$/.test(timestamp) || Math.abs(nowS - Number(timestamp)) > toleranceS) return false;
    const expected = createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex');
    return (
      signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    );
  };
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const raw = String(init?.body ?? '');
    received.push({ headers, raw, isValid: verify(headers, raw, NOW.getTime() / 1000) });
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, received, verify };
}

/** The host's plugin HTTP client sending to `outside`, on a clock stopped at NOW. */
const clockedHttp = (outside: ReturnType<typeof receiver>, extra: { idempotencyKey?: string } = {}) =>
  createPluginHttp({ fetch: outside.fetch, timeoutMs: 1000, maxTimeoutMs: 1000, now: () => NOW, ...extra });

describe('outbound request signing', () => {
  it('signs timestamp and body so a receiver with the shared secret can verify them', async () => {
    const outside = receiver(SECRET);
    const http = clockedHttp(outside);
    await http.postJson(
      'http://outside.test/orders',
      { caseNumber: '2026-000001', text: '路灯不亮' },
      {
        sign: { secret: SECRET },
      },
    );
    const [got] = outside.received;
    expect(got!.headers.get('x-baton-timestamp')).toBe(String(NOW.getTime() / 1000));
    expect(got!.headers.get('x-baton-signature')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(got!.isValid).toBe(true);
    // A changed body, another secret or an old timestamp does not verify.
    const nowS = NOW.getTime() / 1000;
    expect(outside.verify(got!.headers, got!.raw.replace('000001', '000002'), nowS)).toBe(false);
    expect(receiver('another-secret-0123456789').verify(got!.headers, got!.raw, nowS)).toBe(false);
    expect(outside.verify(got!.headers, got!.raw, nowS + 301)).toBe(false);
  });

  it('signs a request without a body over "<timestamp>." and adds nothing when not asked', async () => {
    const outside = receiver(SECRET);
    const http = clockedHttp(outside);
    await http.request('http://outside.test/ping', { sign: { secret: SECRET } });
    await http.request('http://outside.test/ping');
    expect(outside.received[0]!.isValid).toBe(true);
    expect(outside.received[1]!.headers.has('x-baton-signature')).toBe(false);
    expect(outside.received[1]!.isValid).toBe(false);
  });

  it('refuses to send unsigned when signing was asked for but cannot be done', async () => {
    const outside = receiver(SECRET);
    const noClock = createPluginHttp({ fetch: outside.fetch, timeoutMs: 1000, maxTimeoutMs: 1000 });
    await expect(
      noClock.postJson('http://outside.test/x', {}, { sign: { secret: SECRET } }),
    ).rejects.toBeInstanceOf(DeliveryFailure);
    const http = clockedHttp(outside);
    await expect(http.postJson('http://outside.test/x', {}, { sign: { secret: '' } })).rejects.toMatchObject({
      isPermanent: true,
    });
    expect(outside.received).toHaveLength(0);
  });

  it('is used by the approval plugin: its hand-offs verify with the shared webhook secret', async () => {
    const outside = receiver(SECRET);
    const http = clockedHttp(outside, { idempotencyKey: 'dlv-1' });
    const event: PluginEvent = {
      id: 1,
      topic: 'case.handoff.approval',
      createdAt: NOW.toISOString(),
      payload: { caseId: 'case-1', caseNumber: '2026-000001', itemCode: 'FOOD-LICENSE', text: '许可' },
    };
    await approval.hooks.onEvent!({
      event,
      config: { baseUrl: 'http://approval.test' },
      credentials: { apiKey: 'approval-key-0123', webhookSecret: SECRET },
      http,
      log: { info: () => {}, warn: () => {} },
      idempotencyKey: 'dlv-1',
    });
    expect(outside.received).toHaveLength(1);
    expect(JSON.parse(outside.received[0]!.raw)).toMatchObject({ caseNumber: '2026-000001' });
    expect(outside.received[0]!.isValid).toBe(true);
  });
});
