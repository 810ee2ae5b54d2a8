/** @module The JSON Schema of the data a rule reads (form entry with computed fields, target, params), shared by the indicator, form and scoring-rule kinds. */
import type { Form, ScoringRule } from '../../../../schemas/types.gen.ts';

/** The data a scoring rule reads: the form entry (with computed fields), the unit's target and the params. */
export function scoringDataSchema(form: Form | undefined, paramsSchema: object = { type: 'object' }): object {
  return {
    type: 'object',
    properties: {
      entry: form ? entrySchema(form) : { type: 'object' },
      target: { type: 'number' },
      params: paramsSchema,
      unitId: { type: 'string' },
      period: { type: 'string' },
      // Supplied by the scoring pipeline: the same fields of the unit's peer group, the month and the elapsed year.
      peers: { type: 'object', additionalProperties: { type: 'array', items: { type: 'number' } } },
      month: { type: 'integer' },
      elapsed: { type: 'number' },
    },
    required: ['entry', 'params'],
  };
}

/** The form's entry schema extended with its computed fields. */
export function entrySchema(form: Form): Record<string, unknown> {
  const base = form.schema as Record<string, unknown>;
  const computed = form.computed ?? [];
  if (computed.length === 0) return base;
  const properties = { ...((base.properties as Record<string, unknown> | undefined) ?? {}) };
  for (const c of computed) properties[c.field] = { type: c.type };
  return { ...base, properties };
}

/** The JSON Schema of a scoring rule's declared params. */
export function paramsSchemaOf(rule: ScoringRule): object {
  const properties: Record<string, unknown> = {};
  for (const p of rule.params ?? []) properties[p.name] = { type: p.type };
  return { type: 'object', properties };
}

/** Whether a param value has the declared type (`integer` is a whole number). */
export function matchesType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  return typeof value === type;
}
