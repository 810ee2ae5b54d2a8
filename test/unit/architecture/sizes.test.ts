/**
 * @module Every engine file and function can be read at once: no file over 600 lines, and a function
 * over 80 lines says why in its opening comment (a line `Long: …`). The scanner is checked on samples.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSources } from '../../support/import-graph.ts';
import { blankNonCode, longFunctions } from '../../support/source-sizes.ts';

const root = resolve(import.meta.dirname, '../../..');
const MAX_FILE_LINES = 600;
const MAX_FUNCTION_LINES = 80;

describe('the size of the engine', () => {
  const files = readSources(root, ['engine']);

  it('has no file over 600 lines', () => {
    expect(files.size).toBeGreaterThan(50);
    const big = [...files]
      .map(([file, text]) => ({ file, lines: text.split('\n').length }))
      .filter((f) => f.lines > MAX_FILE_LINES);
    expect(big).toEqual([]);
  });

  it('has no function over 80 lines without a reason in its opening comment', () => {
    const unexplained = [...files].flatMap(([file, text]) =>
      longFunctions(text, MAX_FUNCTION_LINES)
        .filter((f) => f.reason === null)
        .map((f) => `${file}:${f.line} ${f.name} (${f.lines} lines)`),
    );
    expect(unexplained).toEqual([]);
  });
});

describe('the size scanner', () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');

  it('measures declarations, arrows and methods from head to closing brace', () => {
    const source = [
      'export async function big(a: { x: number }): Promise<void> {',
      body(90),
      '}',
      'const arrow = async (b: string) => {',
      body(81),
      '};',
      'class K {',
      '  method(c: number): number {',
      body(85),
      '    return c;',
      '  }',
      '}',
    ].join('\n');
    expect(longFunctions(source, 80).map((f) => [f.name, f.line, f.lines])).toEqual([
      ['big', 1, 92],
      ['arrow', 93, 83],
      ['method', 177, 88],
    ]);
  });

  it('skips short functions and expression bodies, and ignores braces in strings, comments and regexes', () => {
    const source = [
      'const short = (t: string) => /[{"\']/.test(t);',
      'function small() {',
      "  const s = '{{{';",
      '  // }}}',
      '  return s + `{`;',
      '}',
      body(100),
    ].join('\n');
    expect(longFunctions(source, 80)).toEqual([]);
    expect(blankNonCode("a = '{'; /* } */ b = /}/g;")).not.toMatch(/[{}]/);
  });

  it('reads the reason of a long function from its opening comment', () => {
    const source = [
      '/**',
      ' * Builds it.',
      ' * Long: one table of cases, read top to bottom.',
      ' */',
      'function t() {',
      body(85),
      '}',
    ].join('\n');
    expect(longFunctions(source, 80)).toEqual([
      { name: 't', line: 5, lines: 87, reason: 'one table of cases, read top to bottom.' },
    ]);
  });

  it('reads the real sources it is run on', () => {
    expect(readFileSync(resolve(root, 'engine/main.ts'), 'utf8').length).toBeGreaterThan(0);
  });
});
