/** @module Time is data: the product reads the time only through the clock, and its code names no year and no rule-set id. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourcesUnder(path));
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

/** The code of a source file with comments blanked out (strings and template literals kept). */
function codeOf(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      out += ' ';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

const files = (dirs: string[]) =>
  dirs
    .flatMap((d) => sourcesUnder(resolve(root, d)))
    .map((path) => ({
      path: relative(root, path),
      code: codeOf(readFileSync(path, 'utf8')),
    }));

// The clock adapter reads the machine's time; the studio's server clock measures its offset from it.
const CLOCK_READERS = new Set(['engine/adapters/clock/clock.ts', 'studio/lib/server-clock.ts']);
const READS_TIME = /\bDate\.now\(\)|\bnew Date\(\s*\)/;

// Operator documentation examples (run as tests) and JSON Schema dialect URLs are data, not logic.
const DOCUMENTED_EXAMPLES = /^engine\/core\/scoring\/operators\//;
const YEAR = /(?<![\w./])(19|20)\d\d(?![\w])/;
const SCHEMA_DIALECT = /json-schema\.org\/draft\/2020-12|ajv\/dist\/2020/g;
const RULE_SET_ID = /\bdistrict-\d{4}\b/;
const STRING_LITERAL = /(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;

// OpenAPI and schema `examples` document the API with sample values; they are not logic.
const EXAMPLES = /\bexamples:/;

/** Whether a line of code has a year or a rule-set id inside one of its string literals. */
const namesAYear = (line: string): boolean =>
  !EXAMPLES.test(line) &&
  [...line.replace(SCHEMA_DIALECT, '').matchAll(STRING_LITERAL)].some(
    (m) => YEAR.test(m[2] ?? '') || RULE_SET_ID.test(m[2] ?? ''),
  );

describe('time is data', () => {
  it('reads the time only through the clock adapter', () => {
    const offenders = files(['engine', 'studio'])
      .filter((f) => !CLOCK_READERS.has(f.path))
      .filter((f) => READS_TIME.test(f.code))
      .map(
        (f) =>
          `${f.path}: ${f.code
            .split('\n')
            .find((l) => READS_TIME.test(l))
            ?.trim()}`,
      );
    expect(offenders.join('\n')).toBe('');
  });

  it('names no year and no rule-set id in engine code', () => {
    const offenders = files(['engine'])
      .filter((f) => !DOCUMENTED_EXAMPLES.test(f.path))
      .flatMap((f) =>
        f.code
          .split('\n')
          .filter(namesAYear)
          .map((line) => `${f.path}: ${line.trim()}`),
      );
    expect(offenders.join('\n')).toBe('');
  });

  it('catches what it is meant to catch', () => {
    expect(READS_TIME.test(codeOf('const t = Date.now();'))).toBe(true);
    expect(READS_TIME.test(codeOf('const d = new Date();'))).toBe(true);
    expect(READS_TIME.test(codeOf('const d = new Date(x); // Date.now()'))).toBe(false);
    expect(namesAYear(codeOf("const id = 'district-2026';"))).toBe(true);
    expect(namesAYear(codeOf("const from = '2027-01-01';"))).toBe(true);
    expect(namesAYear(codeOf(['const n = `CT-2026-', '${i}`;'].join('')))).toBe(true);
    expect(namesAYear(codeOf('/** in force from 2026-01-01 */ const x = 1;'))).toBe(false);
    expect(namesAYear(codeOf('const seed = 20_260_101; const limit = 2000;'))).toBe(false);
    expect(namesAYear(codeOf("at: { type: 'string', examples: ['2026-05-01'] },"))).toBe(false);
    expect(namesAYear(codeOf("const url = 'https://json-schema.org/draft/2020-12/schema';"))).toBe(false);
  });
});
