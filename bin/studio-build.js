/** @module Builds the studio into dist/studio with vite when it is missing or older than any file under studio/. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Newest modification time (ms) of any file under `dir`, or 0 when there is none. */
export function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/**
 * Whether dist/studio must be (re)built: it has no index.html, or a file under studio/ (or the vite
 * config) is newer than the build.
 */
export function isStudioStale(base = root) {
  const built = join(base, 'dist/studio/index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const sourceAt = Math.max(
    newestMtime(join(base, 'studio')),
    statSync(join(base, 'vite.config.ts')).mtimeMs,
  );
  return sourceAt > builtAt;
}

/**
 * Builds the studio if it is stale. Resolves to `'built'`, `'fresh'` (nothing to do) or `'skipped'`
 * (no studio/index.html yet); rejects if vite fails.
 * @param {{ base?: string, log?: (line: string) => void }} [options]
 */
export async function ensureStudioBuilt(options = {}) {
  const base = options.base ?? root;
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  if (!existsSync(join(base, 'studio/index.html'))) {
    log(JSON.stringify({ level: 'warn', msg: 'studio/index.html not found; skipping the studio build' }));
    return 'skipped';
  }
  if (!isStudioStale(base)) return 'fresh';
  // Several processes (parallel test files) may start at once: one builds, the others wait for it.
  const release = await acquireLock(join(base, 'dist/.studio-build.lock'));
  try {
    if (!isStudioStale(base)) return 'fresh';
    await buildStudio(base, log);
  } finally {
    release();
  }
  return 'built';
}

async function acquireLock(path, staleMs = 10 * 60 * 1000) {
  mkdirSync(dirname(path), { recursive: true });
  for (;;) {
    try {
      mkdirSync(path);
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(path).mtimeMs > staleMs) rmSync(path, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    }
  }
}

async function buildStudio(base, log) {
  log(JSON.stringify({ level: 'info', msg: 'building the studio with vite' }));
  const vite = join(base, 'node_modules/vite/bin/vite.js');
  await new Promise((resolvePromise, reject) => {
    // stdout of the build goes to stderr so stdout stays JSON log lines.
    // Always the production build users get, even when started under a test runner (NODE_ENV=test
    // would give Solid's development build, with its warnings and a heavier bundle).
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: base,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk) => process.stderr.write(chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolvePromise(undefined) : reject(new Error(`vite build exited with ${code}`)),
    );
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureStudioBuilt();
}
