/**
 * @module Entries bench: unit users posting form entries to a real Baton process at 20 connections
 * (two unit users, each posting to 10 of its November forms, one connection per form) while a prober reads `/api/health` one request at a time;
 * the baseline, in the same run, is `/api/health` alone at 20 connections on the same process.
 * Reports entries req/s and p99, and the health probe's p99 and worst latency under the entry load;
 * then restarts the process on the same database and measures the same load at once (no warm-up).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { type RunningServer, startServer } from '../test/support/server.ts';
import { compared, measured } from './support/results.ts';
import { type Measured, summarise } from './support/load.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const CONNECTIONS = 20;
const WARMUP_S = 3;
const DURATION_S = 10;
const PERIOD = '2026-11';

interface Session {
  cookie: string;
  csrfToken: string;
}

async function login(server: RunningServer, username: string): Promise<Session> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: server.passwords[username] }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const cookie = /baton_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: `baton_session=${cookie}`, csrfToken };
}

const entryHeaders = (s: Session) => ({
  'content-type': 'application/json',
  cookie: s.cookie,
  'x-csrf-token': s.csrfToken,
});

/** One stream of entries: a user and the body it posts again and again. */
interface Stream {
  session: Session;
  body: string;
}

type FieldSchema = { type?: string; minimum?: number; maximum?: number; enum?: unknown[] };

/** Values that satisfy a one-level form schema of numbers, integers, strings and enums, or null. */
function valuesFor(schema: { required?: string[]; properties?: Record<string, FieldSchema> }) {
  const values: Record<string, unknown> = {};
  for (const name of schema.required ?? []) {
    const field = schema.properties?.[name];
    if (!field) return null;
    if (field.enum) values[name] = field.enum[0];
    else if (field.type === 'number' || field.type === 'integer') {
      const low = field.minimum ?? 0;
      values[name] = Math.min(field.maximum ?? low + 50, low + 50);
    } else if (field.type === 'string') values[name] = 'bench';
    else if (field.type === 'boolean') values[name] = true;
    else return null;
  }
  return values;
}

/** The unit's November forms it can fill with simple values: one entry body per form. */
async function streamsOf(server: RunningServer, session: Session, count: number): Promise<Stream[]> {
  const headers = { cookie: session.cookie };
  const due = (await (
    await fetch(`${server.url}/api/performance/forms-due?period=${PERIOD}`, { headers })
  ).json()) as {
    forms: { indicatorId: string; status: string }[];
  };
  const streams: Stream[] = [];
  for (const form of due.forms) {
    if (streams.length === count) break;
    const doc = (await (
      await fetch(`${server.url}/api/performance/forms/${form.indicatorId}?period=${PERIOD}`, { headers })
    ).json()) as { schema: Parameters<typeof valuesFor>[0] };
    const values = valuesFor(doc.schema);
    if (!values) continue;
    const body = JSON.stringify({ indicatorId: form.indicatorId, period: PERIOD, values });
    const probe = await fetch(`${server.url}/api/performance/entries`, {
      method: 'POST',
      headers: entryHeaders(session),
      body,
    });
    if (probe.status === 201) streams.push({ session, body });
  }
  if (streams.length < count) throw new Error(`only ${streams.length} fillable forms`);
  return streams;
}

/** Entry load: one connection per stream (each a unit user and one of its forms). */
async function entryLoad(server: RunningServer, streams: Stream[], seconds: number): Promise<Measured> {
  const runs = streams.map((stream) =>
    autocannon({
      url: `${server.url}/api/performance/entries`,
      method: 'POST',
      connections: 1,
      duration: seconds,
      timeout: 20,
      headers: entryHeaders(stream.session),
      body: stream.body,
    }),
  );
  return summarise(await Promise.all(runs));
}

/** One health request after another until `stop` resolves; the latency (ms) of each. */
async function probeHealth(url: string, stop: Promise<unknown>): Promise<number[]> {
  let done = false;
  void stop.then(() => {
    done = true;
  });
  const latencies: number[] = [];
  while (!done) {
    const started = performance.now();
    const res = await fetch(`${url}/api/health`);
    await res.arrayBuffer();
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 50));
  }
  return latencies;
}

/** CPU time (ms, user + system) the process has used so far, from /proc (Linux); null elsewhere. */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, counted from the state field (3) here, in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

const suite: BenchSuite = {
  name: 'entries',
  async run(): Promise<BenchResult[]> {
    let baton: RunningServer | null = null;
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-entries-bench-'));
    const env = { BATON_SEED: 'demo', BATON_DEMO_CASES: 'off' };
    try {
      baton = await startServer({ dataDir, env, timeoutMs: 180_000 });
      const streams: Stream[] = [];
      for (const username of ['street_user', 'dept_user'])
        streams.push(...(await streamsOf(baton, await login(baton, username), CONNECTIONS / 2)));
      const health = await autocannon({
        url: `${baton.url}/api/health`,
        connections: CONNECTIONS,
        duration: DURATION_S,
      });
      const base: Measured = summarise([health]);
      await entryLoad(baton, streams, WARMUP_S);
      const cpuBefore = cpuMsOf(baton.process.pid);
      const load = entryLoad(baton, streams, DURATION_S);
      const [ours, probes] = await Promise.all([load, probeHealth(baton.url, load)]);
      // Server CPU per entry: less sensitive than req/s to other work on a shared machine. It includes
      // the background recompute done during the run (what is left after it is not counted).
      const cpuAfter = cpuMsOf(baton.process.pid);
      const cpuPerEntry =
        cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / Math.max(ours.ok, 1);
      if (ours.bad > 0 || base.bad > 0)
        throw new Error(`failed requests: entries ${ours.bad}, health ${base.bad}`);
      const healthP99 = percentile(probes, 99);
      const healthMax = Math.max(...probes);
      // Restarted on the same database (sessions kept), loaded at once: nothing is scored in memory yet.
      await baton.stop();
      baton = await startServer({ dataDir, env, timeoutMs: 180_000 });
      const restartLoad = entryLoad(baton, streams, DURATION_S);
      const [restarted, restartProbes] = await Promise.all([
        restartLoad,
        probeHealth(baton.url, restartLoad),
      ]);
      if (restarted.bad > 0) throw new Error(`failed requests after the restart: ${restarted.bad}`);
      const restartHealthMax = Math.max(...restartProbes);
      process.stderr.write(
        `entries: ${ours.ok} entries (${ours.rps.toFixed(0)} req/s, p50 ${ours.p50} ms, p99 ${ours.p99} ms); ` +
          `health alone ${base.rps.toFixed(0)} req/s p99 ${base.p99} ms; health under entry load: ${probes.length} probes, ` +
          `p50 ${percentile(probes, 50).toFixed(1)} ms, p99 ${healthP99.toFixed(1)} ms, max ${healthMax.toFixed(1)} ms; ` +
          `server CPU ${cpuPerEntry === null ? '?' : cpuPerEntry.toFixed(2)} ms per entry; ` +
          `after a restart: ${restarted.ok} entries (${restarted.rps.toFixed(0)} req/s, p99 ${restarted.p99} ms), ` +
          `health p99 ${percentile(restartProbes, 99).toFixed(1)} ms, max ${restartHealthMax.toFixed(1)} ms\n`,
      );
      const cpu: BenchResult[] =
        cpuPerEntry === null ? [] : [measured('entries.server-cpu', cpuPerEntry, 'ms/entry')];
      const p99Floor = Math.max(base.p99, 1);
      return [
        ...cpu,
        measured('entries.baseline-health', base.rps, 'req/s'),
        compared('entries.http', ours.rps, 'req/s', 'entries.baseline-health', base.rps),
        measured('entries.baseline-health-p99', base.p99, 'ms'),
        compared('entries.p99', ours.p99, 'ms', 'entries.baseline-health-p99', p99Floor),
        compared('entries.health-under-load-p99', healthP99, 'ms', 'entries.baseline-health-p99', p99Floor),
        compared('entries.health-under-load-max', healthMax, 'ms', 'entries.baseline-health-p99', p99Floor),
        compared('entries.restart-http', restarted.rps, 'req/s', 'entries.baseline-health', base.rps),
        compared('entries.restart-p99', restarted.p99, 'ms', 'entries.baseline-health-p99', p99Floor),
        compared(
          'entries.restart-health-max',
          restartHealthMax,
          'ms',
          'entries.baseline-health-p99',
          p99Floor,
        ),
      ];
    } finally {
      if (baton) await baton.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default suite;
