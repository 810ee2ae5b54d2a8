/** @module Client address behind a configured number of trusted proxy hops (BATON_TRUST_PROXY). */

/**
 * How many proxies in front of Baton are trusted, from `BATON_TRUST_PROXY`: unset, empty, `0` or
 * `off` → 0 (X-Forwarded-For ignored); `1` (one proxy, the historical on) or any whole number of hops.
 */
export function trustedHopsOf(raw: string | undefined): number {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'off' || value === 'false' || value === 'no') return 0;
  if (value === 'true' || value === 'on' || value === 'yes') return 1;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > 32)
    throw new Error(`BATON_TRUST_PROXY must be a number of proxy hops (0–32), got "${raw}"`);
  return hops;
}

/**
 * The client address: with `hops` trusted proxies, the address `hops` places from the right of
 * X-Forwarded-For (the last one our own proxies did not add) — never the leftmost, which the client
 * writes itself. With fewer entries than hops, the leftmost entry present; with no header or no
 * trust, the socket's peer.
 */
export function clientIpOf(input: {
  hops: number;
  forwardedFor: string | undefined;
  remoteAddress: string | null;
}): string | null {
  if (input.hops > 0 && input.forwardedFor) {
    const chain = input.forwardedFor
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    if (chain.length > 0) return chain[Math.max(0, chain.length - input.hops)]!;
  }
  return input.remoteAddress;
}
