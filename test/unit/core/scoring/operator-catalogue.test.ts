/** @module The catalogue as a whole: names, metadata, schemas, and every documented example run through JSON Logic. */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import type { OperatorDefinition } from '../../../../engine/core/logic/operator.ts';
import { STANDARD_OPERATORS } from '../../../../engine/core/logic/standard-operators.ts';
import { batonOperators } from '../../../../engine/core/scoring/operators/index.ts';

/** Standard JSON Logic names: the standard operators Baton implements, and json-logic-js's `log`, which it does not. */
const STANDARD = [...STANDARD_OPERATORS.map((op) => op.name), 'log'];
const CATEGORIES = ['scoring', 'array', 'date', 'text', 'rounding'];

const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);

/** Arguments and results each operator saw while running the examples, checked against its schemas. */
const seen = new Map<string, { args: unknown[]; result: unknown }[]>();

// json-logic-js is the reference semantics for the standard operators; register ours on top of it the
// way the compiler registers them, recording every call so the schemas can be checked afterwards.
for (const op of batonOperators) {
  jsonLogic.add_operation(op.name, (...args: unknown[]) => {
    const result = op.evaluate(args, {});
    const calls = seen.get(op.name) ?? [];
    calls.push({ args, result });
    seen.set(op.name, calls);
    return result;
  });
}

function exampleCases(): [string, OperatorDefinition, OperatorDefinition['examples'][number]][] {
  return batonOperators.flatMap((op) =>
    op.examples.map(
      (example, i) =>
        [
          `${op.name} example ${i + 1}: ${example.description ?? JSON.stringify(example.rule)}`,
          op,
          example,
        ] as [string, OperatorDefinition, OperatorDefinition['examples'][number]],
    ),
  );
}

describe('the Baton operator catalogue', () => {
  it('has unique lowercase snake_case names that do not clash with standard JSON Logic', () => {
    const names = batonOperators.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(STANDARD).not.toContain(name);
    }
  });

  it('gives every operator a known category, bilingual description and 2 to 4 examples', () => {
    for (const op of batonOperators) {
      expect(CATEGORIES, op.name).toContain(op.category);
      expect(op.description.en.length, op.name).toBeGreaterThan(20);
      expect(op.description.zh, op.name).toMatch(/[\u4e00-\u9fff]/);
      expect(op.examples.length, op.name).toBeGreaterThanOrEqual(2);
      expect(op.examples.length, op.name).toBeLessThanOrEqual(4);
      expect(op.resultSchema, op.name).toBeDefined();
    }
  });

  it('describes the arguments as a valid JSON Schema 2020-12 array with titled prefixItems', () => {
    for (const op of batonOperators) {
      expect(ajv.validateSchema(op.argsSchema), op.name).toBe(true);
      expect(op.argsSchema.type).toBe('array');
      const items = op.argsSchema.prefixItems as Record<string, unknown>[];
      expect(items.length, op.name).toBeGreaterThan(0);
      for (const item of items) {
        expect(typeof item.title, op.name).toBe('string');
        expect(typeof item.description, op.name).toBe('string');
      }
      expect(ajv.validateSchema(op.resultSchema ?? {}), op.name).toBe(true);
    }
  });

  it('uses every operator in its own examples', () => {
    for (const op of batonOperators) {
      for (const example of op.examples) {
        expect(JSON.stringify(example.rule), op.name).toContain(`"${op.name}"`);
      }
    }
  });

  it.each(exampleCases())('runs %s', (_title, _op, example) => {
    const result = jsonLogic.apply(example.rule as jsonLogic.RulesLogic, example.data ?? {});
    if (typeof example.tolerance === 'number') {
      expect(typeof result).toBe('number');
      expect(Math.abs((result as number) - (example.expected as number))).toBeLessThanOrEqual(
        example.tolerance,
      );
    } else {
      expect(result).toEqual(example.expected);
    }
  });

  it('receives arguments and returns results matching its schemas in every example', () => {
    seen.clear();
    for (const op of batonOperators) {
      for (const example of op.examples)
        jsonLogic.apply(example.rule as jsonLogic.RulesLogic, example.data ?? {});
    }
    for (const op of batonOperators) {
      const calls = seen.get(op.name) ?? [];
      expect(calls.length, `${op.name} was never called by its examples`).toBeGreaterThan(0);
      const validArgs = ajv.compile(op.argsSchema);
      const validResult = ajv.compile(op.resultSchema ?? {});
      for (const call of calls) {
        expect(validArgs(call.args), `${op.name} args ${JSON.stringify(call.args)}`).toBe(true);
        expect(validResult(call.result), `${op.name} result ${JSON.stringify(call.result)}`).toBe(true);
      }
    }
  });
});
