/** @module Starts a simulated outside system (test/support/outside-<name>.ts) as a real process on 127.0.0.1 and reads its record. */
import type { ChildProcess } from 'node:child_process';
import { spawnSim } from './spawn-sim.ts';

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
  const sim = await spawnSim(`test/support/outside-${name}.ts`, {
    ...(options.now ? { BATON_NOW: options.now } : {}),
    BATON_URL: options.batonUrl,
    OUTSIDE_PLUGIN: options.plugin,
    OUTSIDE_API_KEY: options.apiKey,
    OUTSIDE_SECRET: options.secret,
  });
  const { url } = sim;
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
    ...sim,
    command: (command, body) => post(`/__admin/${command}`, body),
    log: async () => (await (await fetch(`${url}/__admin/log`)).json()) as OutsideLog,
  };
}
