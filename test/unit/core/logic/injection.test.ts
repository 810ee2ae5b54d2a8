/** @module Injection attempts: nothing in a rule or its data can execute code or pollute prototypes. */
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../../../engine/core/errors.ts';
import { generateSource } from '../../../../engine/core/logic/compile-js.ts';
import { parseRule } from '../../../../engine/core/logic/parse.ts';
import { compile, defaultRegistry } from '../../../../engine/core/rule-language.ts';

const backends = ['js', 'closure'] as const;
const payloads = [
  '});process.exit(1);//',
  '"); globalThis.pwned = 1; ("',
  "'; globalThis.pwned = 1; '",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is meant to look like a template
  '`${globalThis.pwned = 1}`',
  'a\u2028globalThis.pwned=1\u2029b',
  '\\"; globalThis.pwned = 1; //',
  '</script><script>globalThis.pwned=1</script>',
];

function clean(): void {
  expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

function sourceOf(rule: unknown): string {
  return generateSource(parseRule(rule, { registry: defaultRegistry, maxDepth: 64 }), false).source;
}

describe('injection resistance', () => {
  for (const backend of backends) {
    it(`returns hostile string constants verbatim with the ${backend} back end`, () => {
      for (const p of payloads) {
        expect(compile(p, { backend })({})).toBe(p);
        expect(compile({ cat: [p, { var: 'x' }] }, { backend })({ x: p })).toBe(p + p);
        expect(compile({ if: [true, p, 0] }, { backend })(null)).toBe(p);
      }
      clean();
    });

    it(`treats hostile var paths as ordinary missing keys with the ${backend} back end`, () => {
      for (const p of payloads) {
        expect(compile({ var: p }, { backend })({})).toBeNull();
        expect(compile({ var: [p, 'd'] }, { backend })({ [p]: 'v' })).toBe(p.includes('.') ? 'd' : 'v');
      }
      clean();
    });

    it(`refuses hostile operator names at compile time with the ${backend} back end`, () => {
      for (const p of payloads) {
        expect(() => compile({ [p]: [1] }, { backend })).toThrow(RuleError);
      }
      clean();
    });

    it(`refuses __proto__, constructor and prototype paths at compile time with the ${backend} back end`, () => {
      for (const path of [
        '__proto__',
        'a.__proto__.x',
        'constructor',
        'constructor.prototype',
        'x.prototype',
      ]) {
        const error = (() => {
          try {
            compile({ var: path }, { backend });
          } catch (e) {
            return e;
          }
        })();
        expect(error).toBeInstanceOf(RuleError);
        expect((error as RuleError).code).toBe('logic.forbidden_path');
      }
    });

    it(`reads computed forbidden paths as missing with the ${backend} back end`, () => {
      const rule = { var: [{ cat: ['__pro', 'to__'] }, 'none'] };
      expect(compile(rule, { backend })({})).toBe('none');
      const ctor = { var: { cat: ['constructor', '.name'] } };
      expect(compile(ctor, { backend })({})).toBeNull();
      expect(compile({ missing: ['__proto__'] }, { backend })({})).toEqual(['__proto__']);
    });

    it(`reads only own properties with the ${backend} back end`, () => {
      for (const path of ['toString', 'hasOwnProperty', 'valueOf', 'a.toFixed', 's.big', 'arr.push']) {
        expect(compile({ var: path }, { backend })({ a: 1, s: 'x', arr: [] })).toBeNull();
      }
      expect(compile({ var: 'arr.length' }, { backend })({ arr: [1, 2] })).toBe(2);
    });

    it(`never pollutes Object.prototype from data with the ${backend} back end`, () => {
      const data = JSON.parse('{"__proto__": {"polluted": true}, "list": [{"__proto__": {"polluted": 1}}]}');
      const rules = [
        { merge: [{ var: 'list' }, { var: 'list' }] },
        { map: [{ var: 'list' }, { var: '' }] },
        { reduce: [{ var: 'list' }, { var: 'current' }, {}] },
        { var: 'polluted' },
        { missing: ['polluted'] },
      ];
      for (const rule of rules) compile(rule, { backend })(data);
      clean();
    });

    it(`treats a literal object with a __proto__ key as plain data with the ${backend} back end`, () => {
      const literal = JSON.parse('{"__proto__": {"polluted": 1}, "b": 2}');
      const result = compile(literal, { backend })({}) as Record<string, unknown>;
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
      expect(result.polluted).toBeUndefined();
      clean();
    });
  }

  it('emits strings only as JSON literals with line separators escaped', () => {
    const source = sourceOf({ cat: ['a\u2028b', 'c\u2029d', '});process.exit(1);//', { var: 'x`y' }] });
    expect(source).not.toContain('\u2028');
    expect(source).not.toContain('\u2029');
    expect(source).toContain('"});process.exit(1);//"');
    expect(source).toContain('"x`y"');
    expect(source).not.toMatch(/process\.exit\(1\);\/\/[^"]/);
  });

  it('keeps operator names and object constants out of the generated source', () => {
    const source = sourceOf({ if: [true, { a: '__proto__', b: 'ignored' }, 0] });
    expect(source).toContain('K[0]');
    expect(source).not.toContain('ignored');
  });

  it('refuses hugely nested rules with a RuleError instead of overflowing the stack', () => {
    let rule: unknown = 1;
    for (let i = 0; i < 100_000; i++) rule = { '+': [rule] };
    expect(() => compile(rule)).toThrow(RuleError);
    let array: unknown = 1;
    for (let i = 0; i < 100_000; i++) array = [array];
    expect(() => compile(array, { backend: 'closure' })).toThrow(/nesting/);
  });

  it('refuses non-JSON values inside rules', () => {
    expect(() => compile({ '+': [() => 1] })).toThrow(RuleError);
    expect(() => compile({ if: [true, Symbol('x'), 1] })).toThrow(RuleError);
  });
});
