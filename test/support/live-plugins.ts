/** @module Simulated outside systems started as real processes, and a real server whose plugins are set up against them, for the test files that drive plugins end to end. */
import { afterAll, beforeAll, expect } from 'vitest';
import { type LiveSession, type PluginSetUp, startWithPlugins } from './live-session.ts';
import { type OutsideSystem, startOutsideSystem } from './outside-system.ts';
import type { RunningServer } from './server.ts';

/** An outside system and the plugin that talks to it. */
export interface LiveSystem {
  /** The simulator (test/fixtures/outside-systems/<sim>.ts) and the environment it starts with. */
  sim: string;
  env: Record<string, string>;
  /** The plugin the admin sets up against the system: its config's `baseUrl` is the system's URL. */
  plugin: Omit<PluginSetUp, 'config'> & { config?: Record<string, unknown> };
}

/** The running server, the admin's session and each outside system by its key: filled in before the file's tests. */
export type LivePlugins<K extends string> = { server: RunningServer; admin: LiveSession } & Record<
  K,
  OutsideSystem
>;

/**
 * Before the file's tests, starts the outside `systems` side by side, then a real server with `env`, and
 * has the admin set up each system's plugin against it, in turn; stops the server and the systems after.
 */
export function useLivePlugins<K extends string>(
  systems: Record<K, LiveSystem>,
  env: Record<string, string>,
): LivePlugins<K> {
  const keys = Object.keys(systems) as K[];
  const live = {} as LivePlugins<K>;
  beforeAll(async () => {
    const started = await Promise.all(
      keys.map((key) => startOutsideSystem(systems[key].sim, systems[key].env)),
    );
    Object.assign(live, Object.fromEntries(keys.map((key, i) => [key, started[i]])));
    const plugins = keys.map((key, i) => {
      const { plugin } = systems[key];
      return { ...plugin, config: { baseUrl: started[i]!.url, ...plugin.config } };
    });
    Object.assign(live, await startWithPlugins(env, plugins));
  }, 120_000);
  afterAll(async () => {
    await Promise.all([live.server?.stop(), ...keys.map((key) => live[key]?.stop())]);
  });
  return live;
}

/** Fails when one of `secrets` shows in the admin's answer to one of `paths` or in the server's log. */
export async function expectSecretsHidden(
  live: { server: RunningServer; admin: LiveSession },
  paths: string[],
  secrets: string[],
): Promise<void> {
  const bodies = await Promise.all(paths.map(async (path) => (await live.admin.api(path)).text));
  for (const secret of secrets) {
    for (const body of bodies) expect(body).not.toContain(secret);
    expect(live.server.logs()).not.toContain(secret);
  }
}
