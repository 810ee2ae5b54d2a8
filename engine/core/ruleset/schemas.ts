/** @module The JSON Schemas of every document kind, keyed by kind, and the URL each one is known by. */
import assessmentPolicy from '../../../schemas/assessment-policy.schema.json' with { type: 'json' };
import bundle from '../../../schemas/bundle.schema.json' with { type: 'json' };
import calendar from '../../../schemas/calendar.schema.json' with { type: 'json' };
import common from '../../../schemas/common.schema.json' with { type: 'json' };
import decisionTable from '../../../schemas/decision-table.schema.json' with { type: 'json' };
import form from '../../../schemas/form.schema.json' with { type: 'json' };
import indicator from '../../../schemas/indicator.schema.json' with { type: 'json' };
import lightRule from '../../../schemas/light-rule.schema.json' with { type: 'json' };
import pluginBinding from '../../../schemas/plugin-binding.schema.json' with { type: 'json' };
import routingTable from '../../../schemas/routing-table.schema.json' with { type: 'json' };
import ruleSet from '../../../schemas/rule-set.schema.json' with { type: 'json' };
import scoringRule from '../../../schemas/scoring-rule.schema.json' with { type: 'json' };
import slaPolicy from '../../../schemas/sla-policy.schema.json' with { type: 'json' };
import unit from '../../../schemas/unit.schema.json' with { type: 'json' };
import workflow from '../../../schemas/workflow.schema.json' with { type: 'json' };
import type {
  AssessmentPolicy,
  Bundle,
  Calendar,
  DecisionTable,
  Form,
  Indicator,
  LightRule,
  PluginBinding,
  RoutingTable,
  RuleSet,
  ScoringRule,
  SlaPolicy,
  Unit,
  Workflow,
} from '../../../schemas/types.gen.ts';

/** Base URL of Baton's schemas; `<base><file>` is how documents `$ref` each other. */
export const SCHEMA_BASE = 'https://baton.example/schemas/';

/** The TypeScript type of each validatable kind. */
export interface KindTypes {
  unit: Unit;
  indicator: Indicator;
  form: Form;
  scoringRule: ScoringRule;
  routingTable: RoutingTable;
  workflow: Workflow;
  slaPolicy: SlaPolicy;
  lightRule: LightRule;
  pluginBinding: PluginBinding;
  assessmentPolicy: AssessmentPolicy;
  ruleSet: RuleSet;
  decisionTable: DecisionTable;
  calendar: Calendar;
  bundle: Bundle;
}

/** A kind `validate` knows. */
export type Kind = keyof KindTypes;

/** A schema file: the object and the file name it is published under. */
export interface SchemaEntry {
  file: string;
  schema: Record<string, unknown>;
}

/** Schema of each kind. */
export const SCHEMAS: Readonly<Record<Kind, SchemaEntry>> = {
  unit: { file: 'unit.schema.json', schema: unit },
  indicator: { file: 'indicator.schema.json', schema: indicator },
  form: { file: 'form.schema.json', schema: form },
  scoringRule: { file: 'scoring-rule.schema.json', schema: scoringRule },
  routingTable: { file: 'routing-table.schema.json', schema: routingTable },
  workflow: { file: 'workflow.schema.json', schema: workflow },
  slaPolicy: { file: 'sla-policy.schema.json', schema: slaPolicy },
  lightRule: { file: 'light-rule.schema.json', schema: lightRule },
  pluginBinding: { file: 'plugin-binding.schema.json', schema: pluginBinding },
  assessmentPolicy: { file: 'assessment-policy.schema.json', schema: assessmentPolicy },
  ruleSet: { file: 'rule-set.schema.json', schema: ruleSet },
  decisionTable: { file: 'decision-table.schema.json', schema: decisionTable },
  calendar: { file: 'calendar.schema.json', schema: calendar },
  bundle: { file: 'bundle.schema.json', schema: bundle },
};

/** Schemas that are only referenced (no kind of their own). */
export const SHARED_SCHEMAS: readonly SchemaEntry[] = [{ file: 'common.schema.json', schema: common }];

/** Every schema file with its content. */
export function allSchemas(): SchemaEntry[] {
  return [...SHARED_SCHEMAS, ...Object.values(SCHEMAS)];
}

/** Whether a string names a kind `validate` knows. */
export function isKind(kind: unknown): kind is Kind {
  return typeof kind === 'string' && Object.hasOwn(SCHEMAS, kind);
}
