/** @module Decision table document types, derived from the types generated from `schemas/decision-table.schema.json` (never written twice). */
import type { DecisionTable as DecisionTableDocument } from '../../../schemas/types.gen.ts';

/** A decision table document. */
export type DecisionTable = DecisionTableDocument;

/** Type of an input or output column. Dates are ISO `YYYY-MM-DD` strings. */
export type ColumnType = DecisionTable['inputs'][number]['type'];

/** DMN hit policies. */
export type HitPolicy = DecisionTable['hitPolicy'];

/** All hit policies, in schema order. */
export const HIT_POLICIES: readonly HitPolicy[] = ['U', 'A', 'P', 'F', 'R', 'O', 'C', 'C+', 'C<', 'C>', 'C#'];

/** Hit policies returning at most one row's outputs. */
export const SINGLE_HIT_POLICIES: readonly HitPolicy[] = ['U', 'A', 'P', 'F'];

/** An input column. */
export type TableInput = DecisionTable['inputs'][number];

/** An output column. */
export type TableOutput = DecisionTable['outputs'][number];

/** A value allowed in `allowedValues`. */
export type AllowedValue = NonNullable<TableInput['allowedValues']>[number];

/** An input cell: cell-syntax text or a JSON Logic rule (`{"var":"$"}` is the input value). */
export type CellSource = DecisionTable['rules'][number]['cells'][number];

/** A rule row. */
export type TableRule = DecisionTable['rules'][number];

/** An embedded test case. */
export type TableTest = NonNullable<DecisionTable['tests']>[number];
