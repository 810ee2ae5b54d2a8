/** @module Vitest global setup: builds the studio once before the suites, so servers started in parallel never race on dist/studio. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** Runs `node bin/studio-build.js` (a no-op when dist/studio is fresh); fails the run if vite fails. */
export default function setup(): void {
  const result = spawnSync(process.execPath, ['bin/studio-build.js'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`studio build failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  }
}
