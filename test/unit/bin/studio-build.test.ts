/** @module The studio build runs only when the build is missing or stale. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureStudioBuilt, isStudioStale } from '../../../bin/studio-build.js';

let base: string;
const write = (path: string, at: number) => {
  mkdirSync(join(base, path, '..'), { recursive: true });
  writeFileSync(join(base, path), 'x');
  utimesSync(join(base, path), at, at);
};

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'baton-studio-'));
  write('vite.config.ts', 1_000);
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

describe('studio build', () => {
  it('skips with a warning when studio/index.html does not exist yet', async () => {
    const lines: string[] = [];
    expect(await ensureStudioBuilt({ base, log: (line) => lines.push(line) })).toBe('skipped');
    expect(lines.join('\n')).toContain('skipping');
  });

  it('is stale when dist/studio is missing', () => {
    write('studio/index.html', 2_000);
    expect(isStudioStale(base)).toBe(true);
  });

  it('is stale when any studio file is newer than the build, and fresh otherwise', async () => {
    write('studio/index.html', 2_000);
    write('studio/pages/home.tsx', 2_000);
    write('dist/studio/index.html', 3_000);
    expect(isStudioStale(base)).toBe(false);
    expect(await ensureStudioBuilt({ base, log: () => {} })).toBe('fresh');
    write('studio/pages/home.tsx', 4_000);
    expect(isStudioStale(base)).toBe(true);
  });
});
