/** @module Client address behind trusted proxy hops: the rightmost untrusted X-Forwarded-For entry, never the client-chosen leftmost. */
import { describe, expect, it } from 'vitest';
import { clientIpOf, trustedHopsOf } from '../../../../engine/adapters/http/client-ip.ts';

describe('trustedHopsOf', () => {
  it('reads off, 1 (one hop, the historical on) and a number of hops; refuses nonsense', () => {
    expect([undefined, '', '0', 'off'].map(trustedHopsOf)).toEqual([0, 0, 0, 0]);
    expect(trustedHopsOf('1')).toBe(1);
    expect(trustedHopsOf('2')).toBe(2);
    expect(() => trustedHopsOf('-1')).toThrow(/BATON_TRUST_PROXY/);
    expect(() => trustedHopsOf('lots')).toThrow(/BATON_TRUST_PROXY/);
  });
});

describe('clientIpOf', () => {
  const of = (hops: number, forwardedFor?: string) =>
    clientIpOf({ hops, forwardedFor, remoteAddress: '10.0.0.1' });

  it('ignores X-Forwarded-For without trusted hops', () => {
    expect(of(0, '203.0.113.5')).toBe('10.0.0.1');
  });

  it('takes the entry our one proxy appended, whatever the client wrote to the left', () => {
    expect(of(1, '203.0.113.5')).toBe('203.0.113.5');
    expect(of(1, '6.6.6.6, 203.0.113.5')).toBe('203.0.113.5');
    expect(of(1, '7.7.7.7,6.6.6.6 , 203.0.113.5')).toBe('203.0.113.5');
  });

  it('skips the addresses of further trusted hops', () => {
    expect(of(2, '6.6.6.6, 203.0.113.5, 192.168.1.2')).toBe('203.0.113.5');
    expect(of(2, '203.0.113.5')).toBe('203.0.113.5');
  });

  it('falls back to the socket peer when the header is empty', () => {
    expect(of(1, '')).toBe('10.0.0.1');
    expect(of(1, ' , ')).toBe('10.0.0.1');
  });
});
