/** @module Decision table document types; mirror `schemas/decision-table.schema.json` (kept in sync by a test). */

/** Type of an input or output column. Dates are ISO `YYYY-MM-DD` strings. */
export type ColumnType = 'number' | 'string' | 'boolean' | 'date';

/** DMN hit policies. */
export type HitPolicy = 'U' | 'A' | 'P' | 'F' | 'R' | 'O' | 'C' | 'C+' | 'C<' | 'C>' | 'C#';

/** All hit policies, in schema order. */
export const HIT_POLICIES: readonly HitPolicy[] = ['U', 'A', 'P', 'F', 'R', 'O', 'C', 'C+', 'C<', 'C>', 'C#'];

/** Hit policies returning at most one row's outputs. */
export const SINGLE_HIT_POLICIES: readonly HitPolicy[] = ['U', 'A', 'P', 'F'];

/** A value allowed in `allowedValues`. */
export type AllowedValue = string | number | boolean;

/** An input cell: cell-syntax text or a JSON Logic rule (`{"var":"$"}` is the input value). */
export type CellSource = string | Record<string, unknown>;

/** An input column. */
export interface TableInput {
  id: string;
  label: string;
  /** A string is shorthand for `{"var": string}`; an object is a JSON Logic rule. */
  expression: string | Record<string, unknown>;
  type: ColumnType;
  allowedValues?: AllowedValue[];
  /** Domain of a number/date input in cell syntax, e.g. `[0..100]`. */
  range?: string;
  description?: string;
}

/** An output column. */
export interface TableOutput {
  id: string;
  label: string;
  type: ColumnType;
  /** Priority order for hit policies P and O (first = highest). */
  allowedValues?: AllowedValue[];
  description?: string;
}

/** A rule row. */
export interface TableRule {
  id?: string;
  cells: CellSource[];
  outputs: (string | number | boolean | null)[];
  annotation?: string;
  validFrom?: string;
  validTo?: string;
}

/** An embedded test case. */
export interface TableTest {
  name?: string;
  input: unknown;
  expected: unknown;
  asOf?: string;
}

/** A decision table document. */
export interface DecisionTable {
  kind: 'decisionTable';
  id: string;
  schemaVersion: 1;
  name: string;
  description?: string;
  hitPolicy: HitPolicy;
  inputs: TableInput[];
  outputs: TableOutput[];
  rules: TableRule[];
  tests?: TableTest[];
}
