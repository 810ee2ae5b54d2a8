/** @module `baton calendar import` (holiday-cn JSON and iCalendar, merge with --into, --out) and `baton validate` of calendar documents and of calendars in a rule-set directory. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../engine/adapters/cli/index.ts';

const root = resolve(import.meta.dirname, '../../../..');
const samples = join(root, 'test/fixtures/holiday-cn');
const seedFile = join(root, 'seeds/calendars/cn-2026.json');
let dir: string;

/** Runs the CLI in-process with `dir` as the working directory. */
async function baton(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-calendar-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('baton calendar import', () => {
  it('prints a calendar document covering 2026 from holiday-cn 2026.json', async () => {
    const run = await baton(['calendar', 'import', join(samples, '2026.json')]);
    expect(run.code).toBe(0);
    const calendar = JSON.parse(run.stdout);
    expect(calendar).toMatchObject({ kind: 'calendar', id: 'cn-2026', coverage: { from: 2026, to: 2026 } });
    expect(calendar.holidays[1]).toEqual({ date: '2026-02-15', endDate: '2026-02-23', name: '春节' });
  });

  it('writes the iCalendar import to --out with the --id given, and the file validates', async () => {
    const run = await baton([
      'calendar',
      'import',
      join(samples, '2026.ics'),
      '--id',
      'district',
      '--out',
      'cal.json',
    ]);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toContain('wrote calendar district (covers 2026) to cal.json');
    const calendar = JSON.parse(readFileSync(join(dir, 'cal.json'), 'utf8'));
    expect(calendar.id).toBe('district');
    expect(calendar.workingDays).toContainEqual({ date: '2026-10-10', name: '国庆节调休' });
    expect(await baton(['validate', 'cal.json'])).toMatchObject({ code: 0, stdout: 'valid\n' });
  });

  it('merges 2025 into the seed calendar with --into, keeping its id', async () => {
    const run = await baton(['calendar', 'import', join(samples, '2025.json'), '--into', seedFile]);
    expect(run.code).toBe(0);
    const calendar = JSON.parse(run.stdout);
    expect(calendar).toMatchObject({ id: 'cn-2026', coverage: { from: 2025, to: 2026 } });
    expect(calendar.holidays[0]).toEqual({ date: '2025-01-01', name: '元旦' });
  });

  it('refuses the unpublished 2027 file with a bilingual message and exit 1', async () => {
    const run = await baton(['calendar', 'import', join(samples, '2027.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('calendar.import_empty');
    expect(run.stderr).toContain('尚未公布');
  });

  it('answers usage (exit 2) without a file or with an unknown option', async () => {
    expect((await baton(['calendar', 'import'])).code).toBe(2);
    expect((await baton(['calendar', 'import', 'x.json', '--zone', 'UTC'])).code).toBe(2);
    expect((await baton(['calendar'])).stderr).toContain('usage: baton calendar import FILE...');
  });
});

describe('baton validate with calendars', () => {
  it('checks a calendar document: exit 0 for the seed, 1 with the path of a broken field', async () => {
    expect(await baton(['validate', seedFile])).toMatchObject({ code: 0, stdout: 'valid\n' });
    const broken = JSON.parse(readFileSync(seedFile, 'utf8'));
    broken.coverage = { from: 2027, to: 2026 };
    broken.workingDays.push({ date: '2026-10-01', name: 'clash' });
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
    const run = await baton(['validate', 'broken.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error /coverage: calendar.coverage');
    expect(run.stdout).toContain('error /workingDays/6/date: calendar.conflict');
    const legacy = JSON.parse(readFileSync(seedFile, 'utf8'));
    delete legacy.coverage;
    writeFileSync(join(dir, 'legacy.json'), JSON.stringify(legacy));
    expect((await baton(['validate', 'legacy.json'])).stdout).toContain(
      'error /coverage: schema.required Required property "coverage" is missing',
    );
  });

  it('checks calendars of a rule-set directory, and a missing calendar is an error', async () => {
    const rs = JSON.parse(readFileSync(join(root, 'test/fixtures/rulesets/district-2026.v1.json'), 'utf8'));
    const { calendars: _c, documents, ...header } = rs;
    const folder = join(dir, 'rule-set');
    mkdirSync(folder);
    writeFileSync(join(folder, 'rule-set.json'), JSON.stringify(header));
    writeFileSync(join(folder, 'documents.json'), JSON.stringify(documents));
    const missing = await baton(['validate', 'rule-set']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/error \/documents\/\d+\/calendarId: ref\.missing_calendar/);
    writeFileSync(join(folder, 'cn-2026.json'), JSON.stringify(rs.calendars[0]));
    expect(await baton(['validate', 'rule-set'])).toMatchObject({ code: 0, stdout: 'valid\n' });
  });
});

describe('npx baton calendar import as a real process', () => {
  it('runs through bin/baton.js', () => {
    const run = spawnSync(
      process.execPath,
      [join(root, 'bin/baton.js'), 'calendar', 'import', join(samples, '2026.json')],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).coverage).toEqual({ from: 2026, to: 2026 });
  });
});
