/** @module Starts a simulated outside system (test/fixtures/outside-systems/*.ts) as a real process on 127.0.0.1 and talks to its admin endpoint. */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { DEFAULT_SERVER_NOW } from './server.ts';

const root = resolve(import.meta.dirname, '../..');

/** A running simulated system. */
export interface OutsideSystem {
  url: string;
  process: ChildProcess;
  /** POST /__admin/mode. */
  setMode(mode: { mode?: 'up' | 'down' | 'error500'; delayMs?: number }): Promise<void>;
  /** GET or POST an admin path. */
  admin<T = unknown>(path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Spawns `node --import tsx test/fixtures/outside-systems/<name>.ts` and waits for its port. */
export async function startOutsideSystem(
  name: string,
  env: Record<string, string> = {},
): Promise<OutsideSystem> {
  const child = spawn(process.execPath, ['--import', 'tsx', `test/fixtures/outside-systems/${name}.ts`], {
    cwd: root,
    // The same clock as the product under test (startServer's default BATON_NOW unless the test names one).
    env: { ...process.env, BATON_NOW: DEFAULT_SERVER_NOW, ...env },
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
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${errors}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const admin = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/__admin/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as T;
  };
  return {
    url,
    process: child,
    admin,
    setMode: async (mode) => {
      await admin('mode', mode);
    },
    stop: () =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}
