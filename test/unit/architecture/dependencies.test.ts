/** @module The one-way dependency rule (core ← app ← adapters ← main) and acyclic imports hold. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImports, importsOf, readSources } from '../../support/import-graph.ts';

const root = resolve(import.meta.dirname, '../../..');

describe('the import graph of the product', () => {
  it('has no forbidden import and no cycle', () => {
    const files = readSources(root, ['engine', 'studio', 'schemas', 'plugins', 'seeds']);
    expect(files.size).toBeGreaterThan(0);
    expect(checkImports(files)).toEqual([]);
  });
});

describe('the dependency checker', () => {
  it('reads static, type-only, re-export and dynamic imports', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      "export { c } from './c.ts';",
      "const d = await import('./d.ts');",
      "// import { e } from './commented.ts';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a.ts', '../b.ts', './c.ts', './d.ts']);
  });

  it('rejects core importing an adapter', () => {
    const files = new Map([
      ['engine/core/logic/x.ts', "import { y } from '../../adapters/http/y.ts';"],
      ['engine/adapters/http/y.ts', 'export const y = 1;'],
    ]);
    const violations = checkImports(files);
    expect(violations).toHaveLength(1);
    expect(violations[0]?.reason).toBe('core must not import adapters');
  });

  it.each<[string, [string, string][], string[]]>([
    [
      'the app importing main and the driver outside the db adapter',
      [
        ['engine/app/op.ts', "import '../main.ts';\nimport { createClient } from '@libsql/client';"],
        ['engine/main.ts', ''],
      ],
      ['app must not import main', 'only engine/adapters/db may import @libsql/client'],
    ],
    [
      'node built-ins in core and the studio importing the app',
      [
        ['engine/core/a.ts', "import { readFileSync } from 'node:fs';"],
        ['studio/page.tsx', "import { login } from '../engine/app/login.ts';"],
        ['engine/app/login.ts', ''],
      ],
      ['core is pure: it may not import this package', 'studio must not import app'],
    ],
  ])('rejects %s', (_case, files, reasons) => {
    const found = checkImports(new Map(files)).map((v) => v.reason);
    for (const reason of reasons) expect(found).toContain(reason);
  });

  it('allows the studio to import pure core and the db adapter to import the driver', () => {
    const files = new Map([
      ['studio/rule.ts', "import { compile } from '../engine/core/rule-language.ts';"],
      ['engine/core/rule-language.ts', ''],
      ['engine/adapters/db/store.ts', "import { createClient } from '@libsql/client';"],
    ]);
    expect(checkImports(files)).toEqual([]);
  });

  it('lets seeds drive app operations and main call seeds, but not the engine import seeds', () => {
    const files = new Map([
      ['seeds/generators/load.ts', "import { intakeCase } from '../../engine/app/cases.ts';"],
      ['engine/app/cases.ts', "import { plans } from '../../seeds/generators/plans.ts';"],
      ['engine/core/x.ts', "import { plans } from '../../seeds/generators/plans.ts';"],
      ['engine/main.ts', "import { load } from '../seeds/generators/load.ts';"],
      ['seeds/generators/plans.ts', "import data from '../indicators/system.json' with { type: 'json' };"],
    ]);
    expect(checkImports(files).map((v) => `${v.from}: ${v.reason}`)).toEqual([
      'engine/app/cases.ts: app must not import seeds',
      'engine/core/x.ts: core must not import seeds',
    ]);
  });

  it('names every file of an import cycle', () => {
    const files = new Map([
      ['engine/core/a.ts', "import './b.ts';"],
      ['engine/core/b.ts', "import './c.ts';"],
      ['engine/core/c.ts', "import './a.ts';"],
    ]);
    const violations = checkImports(files);
    expect(violations).toHaveLength(1);
    expect(violations[0]?.reason).toBe(
      'import cycle: engine/core/a.ts → engine/core/b.ts → engine/core/c.ts',
    );
  });
});
