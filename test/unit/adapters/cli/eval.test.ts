/** @module `baton eval --batch` run as a real process through bin/baton.js. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = path.join(repoRoot, 'bin/baton.js');

function baton(args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function batchFile(items: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'baton-eval-'));
  const file = path.join(dir, 'batch.json');
  writeFileSync(file, JSON.stringify(items));
  return file;
}

describe('baton eval --batch', () => {
  it('prints one result per item in the same order', () => {
    const file = batchFile([
      { rule: { '+': [1, { var: 'a' }] }, data: { a: 2 } },
      { rule: { if: [{ '>': [{ var: 'x' }, 5] }, 'big', 'small'] }, data: { x: 9 } },
      { rule: { cat: ['a', 'b'] } },
    ]);
    const run = baton(['eval', '--batch', file]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ result: 3 }, { result: 'big' }, { result: 'ab' }]);
  });

  it('reports a bad rule as an error entry without stopping the batch', () => {
    const file = batchFile([
      { rule: { nope: [1] } },
      { rule: { var: '__proto__.polluted' }, data: {} },
      { rule: { '*': [2, 3] } },
    ]);
    const run = baton(['eval', '--batch', file]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out[0].error.code).toBe('logic.unknown_operator');
    expect(out[1].error.code).toBe('logic.forbidden_path');
    expect(typeof out[1].error.message).toBe('string');
    expect(out[2]).toEqual({ result: 6 });
  });

  it('prints usage on stderr and exits 2 for an unknown command', () => {
    const run = baton(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: baton');
    expect(run.stdout).toBe('');
  });

  it('exits 2 with usage when --batch is missing', () => {
    const run = baton(['eval']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('eval --batch FILE');
  });
});
