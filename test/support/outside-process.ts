/** @module Starts a simulated outside system (test/support/outside-<name>.ts) as a real process on 127.0.0.1 and reads its record. */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { DEFAULT_SERVER_NOW } from './server.ts';

const root = resolve(import.meta.dirname, '../..');

/** A request the simulated system accepted (bearer key and Baton's signature checked). */
export interface ReceivedRequest {
  method: string;
  path: string;
  idempotencyKey: string;
  isSigned: true;
  body: Record<string, unknown>;
}

/** What the simulated system recorded. */
export interface OutsideLog {
  received: ReceivedRequest[];
  refused: Array<{ path: string; reason: string }>;
  sent: Array<{ body: Record<string, unknown>; status: number; answer: Record<string, unknown> }>;
}

/** A running simulated system. */
export interface OutsideProcess {
  url: string;
  process: ChildProcess;
  /** `POST /__admin/<name>`. */
  command<T = unknown>(name: string, body?: unknown): Promise<T>;
  log(): Promise<OutsideLog>;
  stop(): Promise<void>;
}

/**
 * Spawns `node --import tsx test/support/outside-<name>.ts` with Baton's URL, the plugin it calls
 * back, its API key and the shared secret, on Baton's clock; resolves once it listens.
 */
export async function startOutside(
  name: 'approval' | 'city' | '110',
  options: { batonUrl: string; plugin: string; apiKey: string; secret: string; now?: string },
): Promise<OutsideProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', `test/support/outside-${name}.ts`], {
    cwd: root,
    env: {
      ...process.env,
      BATON_NOW: options.now ?? DEFAULT_SERVER_NOW,
      BATON_URL: options.batonUrl,
      OUTSIDE_PLUGIN: options.plugin,
      OUTSIDE_API_KEY: options.apiKey,
      OUTSIDE_SECRET: options.secret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString('utf8');
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /\{"port":(\d+)\}/.exec(out);
      if (match) resolvePort(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`outside-${name} exited with ${code}: ${errors}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    url,
    process: child,
    command: (command, body) => post(`/__admin/${command}`, body),
    log: async () => (await (await fetch(`${url}/__admin/log`)).json()) as OutsideLog,
    stop: () =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}
