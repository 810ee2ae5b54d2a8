/** @module Public operator contract: built-in and Baton operators register through `defineOperator`. */
import type { LocalizedText } from '../errors.ts';
import type { StepBudget } from './step-budget.ts';

/**
 * Context passed to every evaluation besides the data. Pure: anything time- or calendar-dependent
 * comes in here, never from the environment.
 */
export interface EvalContext {
  /** Working calendar for working-day helpers. `isWorkingDay` takes an ISO date `YYYY-MM-DD`. */
  calendar?: { isWorkingDay(isoDate: string): boolean };
  /** "Today" for time-proportional operators, ISO date. */
  asOf?: string;
  /**
   * Step budget of this evaluation: a `StepBudget` shared with other evaluations, or a number of
   * steps for this one alone. Default: the enclosing budget, else the rule's `maxSteps`.
   */
  budget?: StepBudget | number;
}

/** One documented example; examples run as tests. */
export interface OperatorExample {
  /** A complete rule using the operator, e.g. `{"efficacy": [5.81, 12, 6]}`. */
  rule: unknown;
  data?: unknown;
  expected: unknown;
  /** Optional numeric tolerance for float results. */
  tolerance?: number;
  description?: string;
}

export interface OperatorDefinition {
  /** Operator name as used in rules, e.g. `efficacy`. */
  name: string;
  /** Catalogue group, e.g. `scoring`, `array`, `date`, `text`, `standard`. */
  category: string;
  description: LocalizedText;
  /** JSON Schema (2020-12) of the argument array after evaluation. */
  argsSchema: Record<string, unknown>;
  /** JSON Schema type of the result, e.g. `{type:'number'}`; used by `checkRule`. */
  resultSchema?: Record<string, unknown>;
  examples: OperatorExample[];
  /**
   * Eager operators receive their arguments already evaluated. Must be pure and deterministic;
   * must not mutate arguments. Throw `RuleError` for bad arguments.
   */
  evaluate(args: unknown[], ctx: EvalContext): unknown;
}
