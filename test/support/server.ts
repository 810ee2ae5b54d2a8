/** @module Starts the real `node bin/start.js` process on a free port with a temp database, for API and browser journeys. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A running Baton process. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Demo passwords by username, from BATON_DEMO_PASSWORDS_FILE. */
  passwords: Record<string, string>;
  /** Sends SIGTERM and waits for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Everything the process wrote to stdout and stderr so far. */
  logs(): string;
  /** The child process, e.g. to check its exit code. */
  process: ChildProcess;
}

/** Options of `startServer`. */
export interface StartServerOptions {
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** How long to wait for /api/health (default 90 s: the first start may build the studio). */
  timeoutMs?: number;
  /** Keep the temp folder (database, password file) after stop. */
  keepTemp?: boolean;
  /**
   * Folder of the database and password file, kept after stop: start again on it (e.g. with a later
   * `BATON_NOW`) to let the product's time pass between two runs of the same district.
   */
  dataDir?: string;
}

const root = resolve(import.meta.dirname, '../..');

/** The product's clock in server journeys unless a test names another: a late-November day of the demo year. */
export const DEFAULT_SERVER_NOW = '2026-11-25T10:00:00+08:00';

/** The product's current instant (ISO), as a running server's clock tells it. */
export const serverNow = async (url: string): Promise<string> => {
  const health = (await (await fetch(`${url}/api/health`)).json()) as { now: string };
  return health.now;
};

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The env of an outbox that delivers to plugins fast enough for a test: it polls every 100 ms and
 * retries first after `baseDelayMs` (200 by default); `maxDelayMs`, `maxAttempts` and
 * `pluginTimeoutMs` (one call's limit) only when given.
 */
export function fastOutboxEnv(
  timing: { baseDelayMs?: number; maxDelayMs?: number; maxAttempts?: number; pluginTimeoutMs?: number } = {},
): Record<string, string> {
  const optional: Array<[string, number | undefined]> = [
    ['BATON_OUTBOX_MAX_DELAY_MS', timing.maxDelayMs],
    ['BATON_OUTBOX_MAX_ATTEMPTS', timing.maxAttempts],
    ['BATON_PLUGIN_TIMEOUT_MS', timing.pluginTimeoutMs],
  ];
  return {
    BATON_OUTBOX_POLL_MS: '100',
    BATON_OUTBOX_BASE_DELAY_MS: String(timing.baseDelayMs ?? 200),
    ...Object.fromEntries(
      optional.filter(([, ms]) => ms !== undefined).map(([name, ms]) => [name, String(ms)]),
    ),
  };
}

/**
 * Spawns `node bin/start.js` on 127.0.0.1 with a free port, a temp database file and a temp
 * BATON_DEMO_PASSWORDS_FILE, and resolves once GET /api/health answers 200.
 */
export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  const dir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'baton-server-'));
  const port = await freePort();
  const passwordsFile = join(dir, 'passwords.json');
  let output = '';
  const child = spawn(process.execPath, ['bin/start.js'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BATON_DB_URL: `file:${join(dir, 'baton.db')}`,
      BATON_DEMO_PASSWORDS_FILE: passwordsFile,
      // The demo year of cases takes a minute to load; tests that want it pass BATON_DEMO_CASES=on.
      BATON_DEMO_CASES: 'off',
      // Every test sets its own clock: the product's day is this one whatever the machine's date.
      BATON_NOW: DEFAULT_SERVER_NOW,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolveExit) => {
    if (child.exitCode !== null) resolveExit(child.exitCode);
    child.once('exit', (code) => resolveExit(code));
  });
  const cleanup = () => {
    if (!opts.keepTemp && opts.dataDir === undefined) rmSync(dir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  let isUp = false;
  while (!isUp) {
    if (child.exitCode !== null) {
      cleanup();
      throw new Error(`bin/start.js exited with ${child.exitCode} before it was healthy:\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      cleanup();
      throw new Error(`bin/start.js was not healthy in time:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      isUp = response.ok;
    } catch {
      // not listening yet
    }
    if (!isUp) await sleep(100);
  }

  let passwords: Record<string, string> = {};
  try {
    passwords = JSON.parse(readFileSync(passwordsFile, 'utf8')) as Record<string, string>;
  } catch {
    // BATON_SEED=none or a pre-seeded database: no passwords
  }

  let stopping: Promise<number | null> | null = null;
  return {
    url,
    passwords,
    process: child,
    logs: () => output,
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const code = await exited;
        cleanup();
        return code;
      })();
      return stopping;
    },
  };
}
