/** @module Traces: one node per operator with JSON-pointer paths, inputs, outputs and children. */
import { describe, expect, it } from 'vitest';
import { generateSource } from '../../../../engine/core/logic/compile-js.ts';
import { parseRule } from '../../../../engine/core/logic/parse.ts';
import type { TraceNode } from '../../../../engine/core/rule-language.ts';
import { compileTraced, defaultRegistry, evaluateWithTrace } from '../../../../engine/core/rule-language.ts';

const rule = { if: [{ '>=': [{ var: 'score' }, 60] }, { cat: ['pass:', { var: 'name' }] }, 'fail'] };

function strip(node: TraceNode): unknown {
  return {
    path: node.path,
    op: node.op,
    inputs: node.inputs,
    output: node.output,
    children: node.children.map(strip),
  };
}

describe('evaluation traces', () => {
  for (const backend of ['js', 'closure'] as const) {
    it(`records every evaluated operator with its path, inputs and output with the ${backend} back end`, () => {
      const { result, trace } = compileTraced(rule, { backend })({ score: 75, name: 'Ann' });
      expect(result).toBe('pass:Ann');
      expect(strip(trace)).toEqual({
        path: '',
        op: 'if',
        inputs: [true, 'pass:Ann'],
        output: 'pass:Ann',
        children: [
          {
            path: '/if/0',
            op: '>=',
            inputs: [75, 60],
            output: true,
            children: [{ path: '/if/0/>=/0', op: 'var', inputs: ['score'], output: 75, children: [] }],
          },
          {
            path: '/if/1',
            op: 'cat',
            inputs: ['pass:', 'Ann'],
            output: 'pass:Ann',
            children: [{ path: '/if/1/cat/1', op: 'var', inputs: ['name'], output: 'Ann', children: [] }],
          },
        ],
      });
    });

    it(`leaves untaken branches out of the trace with the ${backend} back end`, () => {
      const { result, trace } = compileTraced(rule, { backend })({ score: 10, name: 'Bo' });
      expect(result).toBe('fail');
      expect(trace.children.map((c) => c.path)).toEqual(['/if/0']);
      expect(trace.inputs).toEqual([false, 'fail']);
    });

    it(`traces loop bodies once per item with the ${backend} back end`, () => {
      const { result, trace } = compileTraced(
        { map: [{ var: 'xs' }, { '*': [{ var: '' }, 2] }] },
        { backend },
      )({
        xs: [1, 2, 3],
      });
      expect(result).toEqual([2, 4, 6]);
      const products = trace.children.filter((c) => c.op === '*');
      expect(products.map((p) => p.output)).toEqual([2, 4, 6]);
      expect(products.every((p) => p.path === '/map/1')).toBe(true);
    });
  }

  it('escapes JSON pointer segments in paths', () => {
    const { trace } = evaluateWithTrace({ '/': [{ var: 'a' }, 2] }, { a: 4 });
    expect(trace.path).toBe('');
    expect(trace.children[0]!.path).toBe('/~1/0');
  });

  it('gives literals and arrays at the top a synthetic node', () => {
    expect(evaluateWithTrace(5).trace).toEqual({
      path: '',
      op: 'literal',
      inputs: [],
      output: 5,
      children: [],
    });
    const { result, trace } = evaluateWithTrace([1, { var: 'x' }], { x: 2 });
    expect(result).toEqual([1, 2]);
    expect(trace.op).toBe('array');
    expect(trace.children[0]!.path).toBe('/1');
  });

  it('keeps tracing code out of the untraced compiled function', () => {
    const root = parseRule(rule, { registry: defaultRegistry, maxDepth: 64 });
    // The traced variant stores every operator's output in a local (R0, R1, ...) and returns them.
    expect(generateSource(root, false).source).not.toMatch(/\bR\d+\b/);
    expect(generateSource(root, true).source).toMatch(/\(R0=/);
  });
});
