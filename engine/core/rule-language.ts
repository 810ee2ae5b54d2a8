/** @module Rule language entry point: standard plus Baton operators; everyone else imports from here. */
import { defaultRegistry, defineOperator } from './logic/index.ts';
import { batonOperators } from './scoring/operators/index.ts';

for (const def of batonOperators) defineOperator(def, defaultRegistry);

export type {
  CompiledRule,
  CompileOptions,
  DefineOperatorOptions,
  EvalContext,
  Issue,
  OperatorDefinition,
  OperatorExample,
  TracedResult,
  TracedRule,
  TraceNode,
} from './logic/index.ts';
export {
  checkRule,
  compile,
  compileTraced,
  DEFAULT_MAX_ARRAY_LENGTH,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_STEPS,
  defaultRegistry,
  defineOperator,
  evaluate,
  evaluateWithTrace,
  OperatorRegistry,
  runWithBudget,
  setAmbientBudget,
  StepBudget,
} from './logic/index.ts';
