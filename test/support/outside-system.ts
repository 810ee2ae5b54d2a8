/** @module Starts a simulated outside system (test/fixtures/outside-systems/*.ts) as a real process on 127.0.0.1 and talks to its admin endpoint. */
import type { ChildProcess } from 'node:child_process';
import { spawnSim } from './spawn-sim.ts';

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
  const sim = await spawnSim(`test/fixtures/outside-systems/${name}.ts`, env);
  const admin = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${sim.url}/__admin/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as T;
  };
  return {
    ...sim,
    admin,
    setMode: async (mode) => {
      await admin('mode', mode);
    },
  };
}
