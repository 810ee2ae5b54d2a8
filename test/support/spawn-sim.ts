/** @module Starts a simulated outside system's script as a real process on 127.0.0.1 and waits for the port it announces. */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { DEFAULT_SERVER_NOW } from './server.ts';

const root = resolve(import.meta.dirname, '../..');

/** A started simulator process and its base URL. */
export interface SimProcess {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Spawns `node --import tsx <script>` (a path from the repository root) on the product's clock
 * (startServer's default BATON_NOW unless `env` names one), and resolves once it prints `{"port":N}`.
 */
export async function spawnSim(script: string, env: Record<string, string>): Promise<SimProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
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
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${errors}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    stop: () =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}
