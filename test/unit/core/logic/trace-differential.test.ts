/** @module The JS back end's lazily built traces equal the closure back end's eagerly recorded ones. */
import { describe, expect, it } from 'vitest';
import type { TraceNode } from '../../../../engine/core/rule-language.ts';
import { compileTraced } from '../../../../engine/core/rule-language.ts';
import { type JsonLogicCase, jsonLogicCases } from '../../../conformance/jsonlogic-suite.ts';

type Case = Omit<JsonLogicCase, 'result'>;

const conformance: Case[] = jsonLogicCases();

const extra: Case[] = [
  {
    description: 'a var fallback computed by an operator, used and unused',
    rule: { '+': [{ var: ['x', { '*': [{ var: 'y' }, 2] }] }, { var: ['y', { '+': [1, 2] }] }] },
    data: { y: 4 },
  },
  {
    description: 'a const var fallback',
    rule: { cat: [{ var: ['nope', 'dflt'] }, { var: ['s', 'z'] }] },
    data: { s: 'a' },
  },
  {
    description: 'and/or short circuits inside if',
    rule: { if: [{ and: [{ var: 'a' }, { '>': [{ var: 'b' }, 1] }] }, { or: [0, { var: 'c' }, 2] }, 'no'] },
    data: { a: 1, b: 2, c: 0 },
  },
  {
    description: 'an if without else that falls through',
    rule: { if: [{ '<': [{ var: 'a' }, 0] }, 'neg'] },
    data: { a: 1 },
  },
  {
    description: 'nested loops and reduce',
    rule: {
      reduce: [
        { map: [{ var: 'xs' }, { filter: [{ var: '' }, { '>': [{ var: '' }, 1] }] }] },
        {
          '+': [
            { var: 'accumulator' },
            { reduce: [{ var: 'current' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] },
          ],
        },
        { '*': [1, 0] },
      ],
    },
    data: { xs: [[1, 2, 3], [], [4]] },
  },
  {
    description: 'an array literal with operators',
    rule: [{ var: 'a' }, { '+': [{ var: 'a' }, 1] }, [2, { '!': [0] }]],
    data: { a: 1 },
  },
  { description: 'a top-level literal', rule: 'hello' },
  {
    description: 'some stopping early',
    rule: { some: [{ var: 'xs' }, { '==': [{ var: '' }, 2] }] },
    data: { xs: [1, 2, 3] },
  },
  { description: 'the whole data', rule: { var: '' }, data: { a: 1 } },
  { description: 'a computed var path', rule: { var: { cat: ['a', '.b'] } }, data: { a: { b: 7 } } },
];

function outcome(run: () => TraceNode): { trace: TraceNode } | { error: true } {
  try {
    return { trace: run() };
  } catch {
    return { error: true };
  }
}

describe('lazily built traces of the JS back end', () => {
  for (const c of [...conformance, ...extra]) {
    it(`equal the closure back end's on ${c.description}`, () => {
      const js = outcome(() => compileTraced(c.rule, { backend: 'js' })(c.data).trace);
      const closure = outcome(() => compileTraced(c.rule, { backend: 'closure' })(c.data).trace);
      expect(js).toEqual(closure);
    });
  }

  it('builds the tree once, on first read, and serialises as {result, trace}', () => {
    const traced = compileTraced({ '+': [{ var: 'a' }, 1] })({ a: 2 });
    expect(traced.trace).toBe(traced.trace);
    expect(JSON.parse(JSON.stringify(traced))).toEqual({
      result: 3,
      trace: {
        path: '',
        op: '+',
        inputs: [2, 1],
        output: 3,
        children: [{ path: '/+/0', op: 'var', inputs: ['a'], output: 2, children: [] }],
      },
    });
  });
});
