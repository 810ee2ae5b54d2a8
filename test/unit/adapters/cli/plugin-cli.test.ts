/** @module `baton plugin new NAME` and `baton plugin test [DIR]` as real processes in a folder outside the repository: the scaffold loads and its tests pass; a broken plugin fails them. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../../..');
let dir: string;

const baton = (args: string[], cwd = dir) => {
  const result = spawnSync(process.execPath, [join(root, 'bin/baton.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-plugin-cli-'));
  expect(relative(root, dir).startsWith('..')).toBe(true);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('baton plugin', () => {
  it('scaffolds a plugin outside the repo whose own tests pass, and fail once it is broken', () => {
    const created = baton(['plugin', 'new', 'wecom']);
    expect(created.code).toBe(0);
    expect(readFileSync(join(dir, 'wecom/index.ts'), 'utf8')).toContain("from 'baton/plugin-api'");
    expect(JSON.parse(readFileSync(join(dir, 'wecom/plugin.json'), 'utf8'))).toMatchObject({
      name: 'wecom',
      events: ['case.accepted'],
    });

    const passed = baton(['plugin', 'test', 'wecom']);
    expect(passed.stderr).toBe('');
    expect(passed.stdout).toContain('✓ posts the accepted case, signed, with an idempotency key');
    expect(passed.stdout).toContain('2 passed, 0 failed');
    expect(passed.code).toBe(0);

    // With Baton installed by path (what `npm install --save-dev /path/to/baton` makes), the scaffold
    // type-checks against `baton/plugin-api` with its own tsconfig.json.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules/baton'), 'dir');
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'wecom'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(tsc.stdout).toBe('');
    expect(tsc.status).toBe(0);

    // The plugin stops signing: the harness sees the unsigned request and the run fails.
    const index = join(dir, 'wecom/index.ts');
    writeFileSync(
      index,
      readFileSync(index, 'utf8').replace('{ sign: { secret: credentials.secret } }', '{}'),
    );
    const failed = baton(['plugin', 'test'], join(dir, 'wecom'));
    expect(failed.stdout).toContain('✗ posts the accepted case, signed, with an idempotency key');
    expect(failed.stdout).toContain('not signed');
    expect(failed.stdout).toContain('1 passed, 1 failed');
    expect(failed.code).toBe(1);
  });

  it('checks test events against the catalogue and refuses bad names and existing folders', () => {
    expect(baton(['plugin', 'new', 'Bad Name']).code).toBe(2);
    expect(baton(['plugin', 'new', 'twice']).code).toBe(0);
    expect(baton(['plugin', 'new', 'twice']).code).toBe(1);
    const tests = join(dir, 'twice/plugin-tests.ts');
    writeFileSync(
      tests,
      readFileSync(tests, 'utf8').replace("status: 'accepted',", "status: 'accepted', phone: '13800000000',"),
    );
    const run = baton(['plugin', 'test', 'twice']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ posts the accepted case[^\n]*\n\s+event \/payload/);
  });
});
