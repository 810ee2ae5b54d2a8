/** @module What an HTTP load run measured, summed over the autocannon runs that went on side by side. */
import type autocannon from 'autocannon';

/** Requests per second, latency percentiles (ms) and the count of good and failed requests. */
export interface Measured {
  rps: number;
  p99: number;
  p50: number;
  ok: number;
  bad: number;
}

type Result = Awaited<ReturnType<typeof autocannon>>;

/** Sums rates and counts of parallel runs; takes the worst latency percentile of any. */
export const summarise = (results: Result[]): Measured => {
  const ok = results.reduce((n, r) => n + r['2xx'], 0);
  const bad = results.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
  return {
    rps: results.reduce((n, r) => n + r.requests.average, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    ok,
    bad,
  };
};
