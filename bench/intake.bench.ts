/** @module Intake bench: HTTP case intake of a real Baton process (validate, route, persist, audit, outbox) against a plain ajv + single-INSERT Hono route, both at 50 connections. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, type RunningServer, startServer } from '../test/support/server.ts';
import { compared, measured } from './support/results.ts';
import { type Measured, summarise } from './support/load.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const CONNECTIONS = 50;
const WARMUP_S = 3;
const DURATION_S = 10;

const BODY = JSON.stringify({
  channel: 'hotline',
  category: 'environment.noise',
  text: '小区楼下工地夜间打桩施工，噪音很大影响休息',
  data: { period: '夜间（22时至次日6时）' },
  requester: { name: '王先生', phone: '13800000000', type: 'citizen' },
  location: { address: '新华街道和平里社区', streetId: 'street-xinhua' },
});

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Measured> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    headers: { 'content-type': 'application/json', ...headers },
    body: BODY,
  });
  return summarise([result]);
}

async function startBaseline(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'support/intake-baseline-server.ts')],
    {
      env: { ...process.env, PORT: String(port), BASELINE_DB: join(dir, 'baseline.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`baseline did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`baseline exited with ${code}:\n${output}`));
    });
  });
  return { url: `http://127.0.0.1:${port}/cases`, child };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(force);
}

/** A dispatcher API key of the running server (`Authorization: Bearer …`). */
async function apiKeyOf(server: RunningServer): Promise<string> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: server.passwords.admin }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const cookie = /baton_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await fetch(`${server.url}/api/api-keys`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `baton_session=${cookie}`,
      'x-csrf-token': csrfToken,
    },
    body: JSON.stringify({ name: 'intake bench', roles: ['dispatcher'] }),
  });
  if (created.status !== 201) throw new Error(`API key: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { key: string }).key;
}

const suite: BenchSuite = {
  name: 'intake',
  async run(): Promise<BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'baton-intake-bench-'));
    let baton: RunningServer | null = null;
    let baseline: { url: string; child: ChildProcess } | null = null;
    try {
      baton = await startServer({ env: { BATON_SEED: 'demo', BATON_DEMO_CASES: 'off' }, timeoutMs: 180_000 });
      baseline = await startBaseline(dir);
      const auth = { authorization: `Bearer ${await apiKeyOf(baton)}` };
      const batonUrl = `${baton.url}/api/cases`;
      // Both answer the same request with 201 before anything is measured.
      for (const [url, headers] of [
        [batonUrl, auth],
        [baseline.url, {}],
      ] as const) {
        const probe = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: BODY,
        });
        if (probe.status !== 201) throw new Error(`${url} answered ${probe.status}: ${await probe.text()}`);
      }
      await load(baseline.url, {}, WARMUP_S);
      await load(batonUrl, auth, WARMUP_S);
      const base = await load(baseline.url, {}, DURATION_S);
      const ours = await load(batonUrl, auth, DURATION_S);
      if (ours.bad > 0 || base.bad > 0)
        throw new Error(`failed requests: baton ${ours.bad}, baseline ${base.bad}`);
      process.stderr.write(
        `intake: baton ${ours.ok} cases (${ours.rps.toFixed(0)} req/s, p50 ${ours.p50} ms, p99 ${ours.p99} ms); baseline ${base.ok} rows (${base.rps.toFixed(0)} req/s, p50 ${base.p50} ms, p99 ${base.p99} ms)\n`,
      );
      return [
        measured('intake.baseline-http', base.rps, 'req/s'),
        compared('intake.baton-http', ours.rps, 'req/s', 'intake.baseline-http', base.rps, '>= 0.8x'),
        measured('intake.baseline-p99', base.p99, 'ms'),
        compared('intake.baton-p99', ours.p99, 'ms', 'intake.baseline-p99', Math.max(base.p99, 1), '< 20 ms'),
      ];
    } finally {
      if (baseline) await stopChild(baseline.child);
      if (baton) await baton.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
