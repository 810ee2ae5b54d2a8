/** @module Types generated from schemas/*.schema.json by scripts/gen-schema-types.ts: do not edit, run `npx tsx scripts/gen-schema-types.ts`. */

/** A cap on summed points. */
export type AssessmentPolicyCap = {
  /** Largest number of points the items may add or take in total. */
  cap: number;
};

/** Reporting deadline of a period. */
export type AssessmentPolicyDeadline = {
  /** Day of the month after the period's last month by which its data is due (inclusive). */
  dayOfNextMonth?: number;
  /** Days after the deadline during which an entry is still accepted, flagged late (补报期); after them the period's ledger locks and only an amendment changes it. */
  lateGraceDays?: number;
  /** Days before the deadline from which a period's form shows as due soon (即将截止). */
  dueSoonDays?: number;
};

/** One grade band. */
export type AssessmentPolicyGrade = {
  /** Grade id. */
  id: Id;
  /** Display name. */
  name: LocalizedText;
  /** Lowest total of the band (inclusive). */
  minScore: number;
};

/** Red and black list thresholds. */
export type AssessmentPolicyLists = {
  /** The last N units of each peer group form the red list. */
  redBottom?: number;
  /** Units whose total is below this score form the black list. */
  blackBelow?: number;
};

/** Veto behaviour. */
export type AssessmentPolicyVeto = {
  /** A veto indicator fails when its score is at or below this value (or its rule returns `{vetoed: true}`). */
  failAtOrBelow?: number;
  /** Total a vetoed unit gets. */
  score?: number;
  /** Grade a vetoed unit gets regardless of its total; absent means the grade of `score`. */
  gradeId?: Id;
};

/** How indicator scores become a unit's result (考核办法): pipeline order, total score, bonus/deduction caps, veto, grade bands, ranking, reporting deadlines and red/black lists. One per rule set. */
export type AssessmentPolicy = {
  /** Document kind. */
  kind: 'assessmentPolicy';
  /** Policy id, unique in the rule set. */
  id: Id;
  /** Document schema version. */
  schemaVersion: SchemaVersion;
  /** Display name. */
  name: LocalizedText;
  /** Order of the scoring stages. `validate`, `score` and `weight` come first in that order; `adjust` (bonus/deduction) and `veto` may be swapped; `grade` and `rank` come after `weight`. */
  pipeline?: Array<'validate' | 'score' | 'weight' | 'adjust' | 'veto' | 'grade' | 'rank'>;
  /** Points of a unit whose every weighted indicator is at its maximum. */
  totalScore?: number;
  /** Decimals scores are rounded to (half up) after each stage that outputs a total. */
  decimals?: number;
  /** Cap on the sum of bonus items added to a unit's total. */
  bonus?: AssessmentPolicyCap;
  /** Cap on the sum of deduction items (and late-entry deductions) taken from a unit's total. */
  deduction?: AssessmentPolicyCap;
  /** Points deducted for each entry submitted after its deadline (counted with the deductions). */
  lateEntryDeduction?: number;
  /** What a failed veto indicator (一票否决) does to the unit's result. */
  veto?: AssessmentPolicyVeto;
  /** Grade bands, from the best; a unit gets the first band whose `minScore` its total reaches. */
  grades: AssessmentPolicyGrade[];
  /** When a period's data is due (e.g. the month's data by the 15th of the next month), how long late entries are still taken and when a form shows as due soon. */
  deadline?: AssessmentPolicyDeadline;
  /** Red list (bottom of each peer group) and black list (below a score) shown in reports. */
  lists?: AssessmentPolicyLists;
  /** Default for `caseMetrics` indicators without their own `whenNoCases`: what a unit that had no cases to measure in a month (无办件) scores. `exclude` (default) leaves the indicator out of the roll-up and gives its weight to the siblings, `fullScore` gives its maximum, `zero` its minimum, `carryForward` the points of the latest earlier month of the year that had cases. */
  whenNoCases?: 'exclude' | 'fullScore' | 'zero' | 'carryForward';
};

/** A bundle signature. */
export type BundleSignature = {
  /** Signature algorithm. */
  alg: 'HMAC-SHA256';
  /** Id of the shared key used. */
  keyId: string;
  /** Lower-case hex HMAC. */
  value: string;
};

/** A signed export of one rule set version, for moving rule sets between installations. */
export type Bundle = {
  /** Format marker. */
  format: 'baton-bundle';
  /** Bundle format version. */
  version: 1;
  /** The exported rule set. */
  ruleSet: RuleSet;
  /** When the bundle was exported (ISO 8601). */
  exportedAt: string;
  /** Where the bundle came from: installation and rule set version. */
  sourceRevision: string;
  /** HMAC over the canonical JSON of everything else (including `alg` and `keyId`). */
  signature: BundleSignature;
};

/** Working calendar (工作日历): weekly pattern, office hours, public holidays and swapped working days (调休) for the years it covers. Deadlines (办理时限) are counted in working time over this calendar. One document covers one or more consecutive years (`coverage`): to add next year, import it into the same document (the import merges the year in and widens `coverage`), so SLA policies keep naming the same `id`. A calendar with the same id in a later rule set continues this one for the years it covers (the engine chains them by coverage). Working-time math on a day outside the coverage follows `outsideCoverage`. */
export type Calendar = {
  /** Document kind; always "calendar". */
  kind: 'calendar';
  /** Stable identifier of the calendar, referenced by workflows and deadline rules. */
  id: string;
  /** Version of this document format. */
  schemaVersion: 1;
  /** Human-readable name shown in the studio. */
  name?: string;
  /** Free text: source of the schedule (e.g. the State Council notice), remarks. */
  description?: string;
  /** IANA time zone in which dates, weekdays and office hours are read. */
  timeZone?: string;
  /** Years whose holidays and swapped working days this document lists completely (inclusive, local years of `timeZone`). A day outside these years is not covered: see `outsideCoverage`. Required: a calendar says honestly which years it knows. */
  coverage: {
    /** First covered year. */
    from: number;
    /** Last covered year (inclusive, ≥ `from`). */
    to: number;
  };
  /** What working-time math does on a day outside `coverage` (e.g. next year's holidays are not yet published). `error`: the computation fails with `calendar.outside_coverage` and nothing is guessed. `weekendsOnly`: provisional — only the days outside `workingWeekdays` are days off, and every deadline or working-time result that touched such a day carries `provisional: true` so the UI can say it may move once the holidays are known. */
  outsideCoverage: 'error' | 'weekendsOnly';
  /** Regular working weekdays, ISO numbering: 1 = Monday … 7 = Sunday. */
  workingWeekdays: number[];
  /** Office-hour intervals of every working day, in local time, ascending and not overlapping. Working hours are counted only inside them. */
  officeHours: Array<{
    /** Local start time HH:MM (inclusive). */
    start: string;
    /** Local end time HH:MM (exclusive); 24:00 means midnight at the end of the day. */
    end: string;
  }>;
  /** Days off (法定节假日 and their bridged days). A holiday overrides the weekly pattern. */
  holidays?: Array<{
    /** First day off, ISO date YYYY-MM-DD. */
    date: string;
    /** Last day off (inclusive) when the holiday spans several days; defaults to `date`. */
    endDate?: string;
    /** Name of the holiday. */
    name: string;
  }>;
  /** Swapped working days (调休上班): dates outside the weekly pattern (usually weekends) that are working days. */
  workingDays?: Array<{
    /** The working date, ISO date YYYY-MM-DD. */
    date: string;
    /** Why the day is worked, usually the holiday it makes up for. */
    name?: string;
  }>;
};

/** Stable identifier of a document or item: letters, digits, dot, dash, underscore, colon; starts with a letter or digit. */
export type Id = string;

/** A calendar date, ISO 8601 `YYYY-MM-DD`. */
export type IsoDate = string;

/** A text in English and Chinese. */
export type LocalizedText = {
  /** English text. */
  en: string;
  /** Chinese text. */
  zh: string;
};

/** Priority of a case, from the most to the least urgent. */
export type Priority = 'urgent' | 'high' | 'normal' | 'low';

/** A user role of Baton. */
export type Role =
  | 'admin'
  | 'dispatcher'
  | 'supervisor'
  | 'unit'
  | 'reviewer'
  | 'auditor'
  | 'citizen'
  | 'plugin';

/** A rule in the Baton rule language (JSON Logic plus Baton operators). Any JSON value; type-checked by `check`. */
export type Rule = unknown;

/** Version of the document schema the document was written for; lets the engine migrate old documents. */
export type SchemaVersion = 1;

/** Input cell. Text: `-` (any), `[20..39]` / `(20..39]` / `]20..39[` ranges, comparisons `< 20`, `>= 5`, `!= "x"`, lists `"a","b"` or `1,2,3`, `not("a")`, a literal; or a JSON Logic rule where {"var":"$"} is the input value and {"var":"data.x"} reads the data. */
export type DecisionTableCell = string | Record<string, unknown>;

/** Value type: number, string, boolean or date (ISO YYYY-MM-DD). */
export type DecisionTableType = 'number' | 'string' | 'boolean' | 'date';

/** Decision table (决策表) with DMN hit policies: each rule row tests input cells and yields output values. Used for case routing (派单), grading and any lookup that changes yearly. */
export type DecisionTable = {
  /** Document kind; always "decisionTable". */
  kind: 'decisionTable';
  /** Stable identifier of the table, referenced by routing and scoring rules. */
  id: string;
  /** Version of this document format. */
  schemaVersion: 1;
  /** Human-readable name shown in the studio. */
  name: string;
  /** Free text: purpose, source of the rules, remarks. */
  description?: string;
  /** DMN hit policy: U unique, A any, P priority, F first, R rule order, O output order, C collect, C+ sum, C< min, C> max, C# count. */
  hitPolicy: 'U' | 'A' | 'P' | 'F' | 'R' | 'O' | 'C' | 'C+' | 'C<' | 'C>' | 'C#';
  /** Input columns, in cell order. */
  inputs: Array<{
    /** Column id, unique among inputs and outputs. */
    id: string;
    /** Column heading shown to users. */
    label: string;
    /** Rule-language expression evaluated against the data: a string is shorthand for {"var": string}; an object is a JSON Logic rule. */
    expression: string | Record<string, unknown>;
    /** Type of the input value. */
    type: DecisionTableType;
    /** Closed set of values of an enumerated input; gap analysis then enumerates exactly these. */
    allowedValues?: Array<string | number | boolean>;
    /** Domain of a number or date input in cell syntax; gap analysis ignores values outside it. */
    range?: string;
    /** Help text of the column. */
    description?: string;
  }>;
  /** Output columns, in value order. */
  outputs: Array<{
    /** Output key in the result record. */
    id: string;
    /** Column heading shown to users. */
    label: string;
    /** Type of the output value. */
    type: DecisionTableType;
    /** Allowed output values in priority order (first = highest); required by hit policies P and O. */
    allowedValues?: Array<string | number | boolean>;
    /** Help text of the column. */
    description?: string;
  }>;
  /** Rule rows, in rule order. */
  rules: Array<{
    /** Optional stable row id, kept in traces and diffs. */
    id?: string;
    /** Input cells, one per input, same order as `inputs`. */
    cells: DecisionTableCell[];
    /** Output values, one per output, same order as `outputs`. */
    outputs: Array<string | number | boolean | null>;
    /** Comment of the row, e.g. the policy clause it implements. */
    annotation?: string;
    /** First date (inclusive) on which the row applies; evaluation as of an earlier date skips it. */
    validFrom?: string;
    /** Last date (inclusive) on which the row applies. */
    validTo?: string;
  }>;
  /** Embedded examples run by `runTableTests`: data in, expected hit-policy result out. */
  tests?: Array<{
    /** What the test shows. */
    name?: string;
    /** Data the input expressions read. */
    input: unknown;
    /** Expected result of evaluation (record, list, number or null per hit policy). */
    expected: unknown;
    /** Date the evaluation is made as of (row validity). */
    asOf?: string;
  }>;
};

/** A case category (事项分类) whose intake form this is. */
export type FormCaseCategory = {
  /** Category code, unique in the rule set; routing tables match it as `case.category`. A dot separates the group from the item. */
  code: string;
  /** Category group (一级分类) shown above the items. */
  group: LocalizedText;
  /** Priority suggested at intake before routing decides. */
  defaultPriority?: Priority;
  /** Intake channels that offer the category; absent means all. */
  channels?: string[];
  /** Words that suggest the category when an operator or the citizen types free text (受理辅助). */
  keywords?: string[];
  /** What readers of the public Open311 API (no API key) see of a case's location and description in this category (公开位置). Absent or level none (the default): no coordinates and no description. coarse: coordinates rounded to `decimals` places, and the description with numbers and e-mail addresses masked. exact: coordinates as given, and the masked description. The address text, the requester's name and phone are never public; an API key allowed to read cases sees address and exact coordinates, never name or phone. */
  publicLocation?: {
    /** none: location hidden; coarse: rounded coordinates; exact: coordinates as reported (for public assets such as street lights). */
    level: 'none' | 'coarse' | 'exact';
    /** Decimal places coarse coordinates keep: 3 is about 110 m, 2 about 1.1 km. Ignored unless level is coarse. */
    decimals?: number;
  };
};

/** A cross-field check. */
export type FormCheck = {
  /** Optional id, used to match checks across versions. */
  id?: Id;
  /** Rule over the entry data; the entry is rejected when it is not true. */
  rule: Rule;
  /** Message shown when the check fails. */
  message: LocalizedText;
  /** JSON pointer of the field the message is shown by. */
  path: string;
};

/** A field computed from the entry. */
export type FormComputedField = {
  /** Name of the computed field, added to the entry data. */
  field: string;
  /** Rule computing the value from the entry. */
  rule: Rule;
  /** JSON type of the computed value. */
  type: 'number' | 'integer' | 'string' | 'boolean';
};

/** A reporting form (填报表单): the JSON Schema of an entry, its UI schema, cross-field checks and computed fields. */
export type Form = {
  /** Document kind. */
  kind: 'form';
  /** Form id, unique in the rule set. */
  id: Id;
  /** Document schema version. */
  schemaVersion: SchemaVersion;
  /** Title of the form. */
  name: LocalizedText;
  /** JSON Schema (2020-12) of the entry data; every field should have `title` and `description`. */
  schema: Record<string, unknown>;
  /** JSON Forms UI schema laying the fields out; absent means a default vertical layout. */
  uiSchema?: Record<string, unknown>;
  /** Cross-field checks JSON Schema cannot express; each rule must be true for the entry to be accepted. */
  checks?: FormCheck[];
  /** Present when the form is the intake form (受理表单) of a case category: the category is offered by intake channels (and as an Open311 service) and its code is what routing tables match. */
  caseCategory?: FormCaseCategory;
  /** Fields computed from the entry, in order; later ones may read earlier ones. */
  computed?: FormComputedField[];
};

/** Pairwise comparison matrix of a node's children (Saaty scale). */
export type IndicatorAhpComparison = {
  /** Comparison id, referenced by the children's weights. */
  id: Id;
  /** How weights are derived from the matrix. */
  method?: 'eigenvector' | 'geometricMean';
  /** Child indicator ids, in matrix order. */
  criteria: Id[];
  /** Square matrix: `matrix[i][j]` is how much more important criterion i is than j. */
  matrix: Array<number[]>;
};

/** Weight taken from the parent's AHP comparison. */
export type IndicatorAhpReference = {
  /** Id of the AHP comparison on the parent indicator. */
  ahp: Id;
};

/** Evidence requirements of an indicator. */
export type IndicatorEvidence = {
  /** Whether an entry without evidence is rejected. */
  required?: boolean;
  /** Accepted kinds of evidence. */
  kinds?: Array<'file' | 'photo' | 'video' | 'link' | 'document'>;
  /** Minimum number of evidence items per entry. */
  minCount?: number;
  /** What the evidence must show. */
  description?: LocalizedText;
};

/** Use of a reusable scoring rule. */
export type IndicatorScoringRuleRef = {
  /** Id of the scoring rule document. */
  id: Id;
  /** Values of the rule's parameters. */
  params?: Record<string, unknown>;
};

/** Target of one unit. */
export type IndicatorTarget = {
  /** Unit the target applies to. */
  unitId: Id;
  /** Target value (same measure the scoring rule compares with). */
  value: number;
  /** Cumulative target at the end of each month (12 values, January first); without it the expected progress is `value` × elapsed fraction of the year. */
  monthly?: number[];
  /** Why this unit's target differs, if it does. */
  note?: string;
};

/** A node of the three-level indicator tree (city → district → unit). Leaves carry a data source, a form, targets and a scoring rule; inner nodes roll up their children by weight. */
export type Indicator = {
  /** Document kind. */
  kind: 'indicator';
  /** Indicator id, unique in the rule set. */
  id: Id;
  /** Document schema version. */
  schemaVersion: SchemaVersion;
  /** Human-facing code shown in reports. */
  code?: string;
  /** Display name. */
  name: LocalizedText;
  /** Tree level: `city` roots, `district` under a city node, `unit` leaves under a district node. */
  level: 'city' | 'district' | 'unit';
  /** Id of the parent indicator; required below the city level. */
  parentId?: Id;
  /** Share of the parent's score: a fixed number in (0, 1] (siblings sum to 1) or a reference to the AHP comparison on the parent. */
  weight?: number | IndicatorAhpReference;
  /** AHP pairwise comparison of this node's children; children refer to it with `weight: {ahp: id}`. */
  ahp?: IndicatorAhpComparison;
  /** Ids of the units responsible for the indicator (they fill its form and receive its score). */
  owners?: Id[];
  /** How often the indicator is reported and scored. */
  period?: 'monthly' | 'quarterly' | 'yearly';
  /** Where the leaf's data comes from: a form entry, a third party, a plugin, case metrics, or derived from other indicators. */
  dataSource?: 'form' | 'thirdParty' | 'plugin' | 'caseMetrics' | 'derived';
  /** Form that units fill for this indicator; required when `dataSource` is `form`. */
  formId?: Id;
  /** Plugin binding that delivers the data; required when `dataSource` is `plugin`. */
  pluginBindingId?: Id;
  /** Primary case metric (办件指标) of a `caseMetrics` indicator, default `onTimeRate`: its value is written to the form's first field (rates as percentages), and its denominator decides the no-cases state (see `whenNoCases`). The scoring rule can read every metric of the unit-month as `entry.<metric>` (rates as ratios 0–1). The catalogue of metrics with zh/en names is `CASE_METRICS` in engine/core/routing/metric-catalogue.ts (docs/api-performance.md). */
  metric?:
    | 'dispatched'
    | 'handled'
    | 'handledWithTimer'
    | 'handledOnTime'
    | 'onTimeRate'
    | 'returned'
    | 'wrongfulReturns'
    | 'returnRate'
    | 'wrongfulReturnRate'
    | 'rated'
    | 'satisfied'
    | 'satisfactionRate'
    | 'redo'
    | 'redoRate'
    | 'supervisionCount'
    | 'overdueCount'
    | 'avgHandlingWorkingHours';
  /** What a `caseMetrics` indicator scores when the unit had nothing to measure in the month (无办件: no case activity, or the primary metric's denominator is 0, e.g. no rated case for `satisfactionRate`): `exclude` leaves it out of the roll-up (its weight goes to the siblings, 不计入), `fullScore` gives `maxScore`, `zero` gives `minScore`, `carryForward` takes the points of the latest earlier month of the year that had cases (else excludes). Bonus and deduction items add or take nothing unless carried forward. Default: the assessment policy's `whenNoCases`, else `exclude`. The score's status is `noCases`, never a plain 0. */
  whenNoCases?: 'exclude' | 'fullScore' | 'zero' | 'carryForward';
  /** Target value per unit for the period. */
  targets?: IndicatorTarget[];
  /** Points of the indicator in its parent's roll-up before weighting. */
  maxScore?: number;
  /** Inline scoring rule; reads `entry` (the form data), `target` and `params`; returns the score. */
  scoringRule?: Rule;
  /** Reference to a reusable scoring rule with its parameters, instead of an inline rule. */
  scoringRuleRef?: IndicatorScoringRuleRef;
  /** Entry field holding the cumulative year-to-date value that lights compare with the expected progress; default `value`. */
  progressField?: string;
  /** Light rule that turns progress into a green/yellow/red/grey/overdue light. */
  lightRuleId?: Id;
  /** Marks a bonus (加分) or deduction (减分) item: its points are added to or taken from the unit's total (within the policy's caps) instead of being weighted into it. */
  adjustment?: 'bonus' | 'deduction';
  /** Floor of the indicator's points (the cap is `maxScore`). */
  minScore?: number;
  /** One-vote veto (一票否决): failing this indicator zeroes the unit's whole assessment. */
  veto?: boolean;
  /** Evidence units must attach to their entries. */
  evidence?: IndicatorEvidence;
};

/** Shortfall thresholds; beyond `yellow` the light is red. */
export type LightRuleTolerances = {
  /** Largest relative shortfall that is still green. */
  green: number;
  /** Largest relative shortfall that is still yellow; must be ≥ `green`. */
  yellow: number;
};

/** How progress against the expected progress becomes a light (警示灯): green, yellow, red; grey when there is no data; overdue after the deadline. */
export type LightRule = {
  /** Document kind. */
  kind: 'lightRule';
  /** Light rule id, unique in the rule set. */
  id: Id;
  /** Document schema version. */
  schemaVersion: SchemaVersion;
  /** Display name. */
  name: LocalizedText;
  /** Whether a higher or a lower value is better. */
  direction?: 'higherIsBetter' | 'lowerIsBetter';
  /** How the expected progress grows over the period: linearly with elapsed time, or only at the period's end. */
  expectedProgress?: 'linear' | 'endOfPeriod';
  /** Relative shortfall against expected progress allowed for each colour. */
  tolerances: LightRuleTolerances;
  /** Show grey (not red) when no data has been reported yet. */
  greyWhenNoData?: boolean;
  /** Working days after the reporting deadline without an entry before the light turns overdue. */
  overdueAfterDays?: number;
};

/** Reference to a secret held by the secret store, never the secret itself. */
export type PluginBindingSecretRef = {
  /** Name of the secret. */
  $secret: string;
};

/** Binds a plugin (adapter to an outside system) into the rule set: its configuration and the domain events it receives. Secrets appear only as references `{"$secret": "NAME"}`. */
export type PluginBinding = {
  /** Document kind. */
  kind: 'pluginBinding';
  /** Binding id, unique in the rule set. */
  id: Id;
  /** Document schema version. */
  schemaVersion: SchemaVersion;
  /** Id of the plugin (its manifest name). */
  pluginId: string;
  /** Display name. */
  name?: LocalizedText;
  /** Whether events are delivered to the plugin. */
  enabled?: boolean;
  /** Configuration checked against the plugin's config schema; secrets only as `{"$secret": "NAME"}`. */
  config?: Record<string, unknown>;
  /** Domain events delivered to the plugin. */
  events?: string[];
};

/** A decision table specialised for case routing (派单): its outputs are `leadUnit`, `assistingUnits`, `priority` and `slaPolicyId`. */
export type RoutingTable = {
  /** Document kind. */
  kind: 'routingTable';
  /** Routing table id, unique in the rule set. */
  id: Id;
  /** Document schema version. */
  schemaVersion: SchemaVersion;
  /** Display name. */
  name: LocalizedText;
  /** The decision table; its output columns must include `leadUnit`, `assistingUnits` (comma-separated unit ids, may be empty), `priority` and `slaPolicyId`. */
  table: DecisionTable;
  /** Unit that receives a case no row matches (usually the dispatch centre, for manual routing). */
  fallbackUnitId?: Id;
  /** Priority of a case no row matches; default `normal`. */
  fallbackPriority?: Priority;
  /** SLA policy of a case no row matches; default the first SLA policy of the rule set. */
  fallbackSlaPolicyId?: Id;
};

/** Any document of a rule set, chosen by `kind`. */
export type RuleSetDocument =
  | Unit
  | Indicator
  | Form
  | ScoringRule
  | RoutingTable
  | Workflow
  | SlaPolicy
  | LightRule
  | PluginBinding
  | AssessmentPolicy;

/** An inclusive date range. */
export type RuleSetPeriod = {
  /** First day. */
  from: IsoDate;
  /** Last day. */
  to: IsoDate;
};

/** Lifecycle of one version: draft → inReview → approved (by a different admin than the author and submitter) → published → archived. */
export type RuleSetVersion = {
  /** Version number, from 1, increasing by one per new draft. */
  number: number;
  /** Lifecycle status. */
  status: 'draft' | 'inReview' | 'approved' | 'published' | 'archived';
  /** Version this draft was copied from. */
  basedOn?: number;
  /** User who created the draft. */
  createdBy?: string;
  /** When the draft was created (ISO 8601). */
  createdAt?: string;
  /** User who submitted the draft for review. */
  submittedBy?: string;
  /** When it was submitted (ISO 8601). */
  submittedAt?: string;
  /** Admin who approved and published it; must differ from `submittedBy` (four-eyes rule). */
  approvedBy?: string;
  /** When it was approved (ISO 8601). */
  approvedAt?: string;
  /** Admin who published it. */
  publishedBy?: string;
  /** When it was published (ISO 8601). */
  publishedAt?: string;
  /** First day the published version is in force. */
  effectiveFrom?: IsoDate;
  /** Last day the published version is in force; a later publication may end it earlier. */
  effectiveTo?: IsoDate;
  /** When it was archived (ISO 8601). */
  archivedAt?: string;
  /** SHA-256 of the canonical JSON of the content, frozen at publishing. */
  sha256?: string;
  /** Change notes. */
  notes?: string;
};

/** A versioned bundle (规则集) of all documents for one period, usually a year. */
export type RuleSet = {
  /** Document kind. */
  kind: 'ruleSet';
  /** Rule set id; stays the same across versions. */
  id: Id;
  /** Document schema version. */
  schemaVersion: SchemaVersion;
  /** Display name. */
  name: LocalizedText;
  /** Period the rule set governs. */
  period: RuleSetPeriod;
  /** Timeline (时间线) the rule set belongs to: the rule sets of one district, ordered by effective period. Every result uses the version of the timeline in force as of the date its data is about; published periods on one timeline may not overlap unless the newer version explicitly supersedes. Defaults to the rule set's own id. */
  timeline?: Id;
  /** Version and lifecycle metadata; not part of the content hash. */
  version?: RuleSetVersion;
  /** All documents of the rule set; ids are unique per kind. */
  documents: RuleSetDocument[];
  /** Working calendars carried with the rule set, one per id (a calendar covers several consecutive years); every calendar an SLA policy names must be here (a missing one is a check error). */
  calendars?: Calendar[];
};

/** A parameter of a scoring rule. */
export type ScoringRuleParam = {
  /** Parameter name. */
  name: string;
  /** JSON type of the value. */
  type: 'number' | 'integer' | 'string' | 'boolean';
  /** Value used when the indicator does not set the parameter. */
  default?: unknown;
  /** Help text. */
  description?: LocalizedText;
};

/** One embedded test. */
export type ScoringRuleTest = {
  /** What the test shows. */
  name?: string;
  /** Data the rule is evaluated on. */
  input: unknown;
  /** Expected result (compared as JSON; numbers within 1e-9). */
  expected: unknown;
};

/** A named, reusable scoring rule with parameters and embedded tests that a runner checks. */
export type ScoringRule = {
  /** Document kind. */
  kind: 'scoringRule';
  /** Scoring rule id, unique in the rule set. */
  id: Id;
  /** Document schema version. */
  schemaVersion: SchemaVersion;
  /** Display name. */
  name: LocalizedText;
  /** What the rule computes, for the studio's help. */
  description?: LocalizedText;
  /** Parameters the rule reads as `params.<name>`. */
  params?: ScoringRuleParam[];
  /** The rule: reads `entry`, `target` and `params`, returns the score. */
  rule: Rule;
  /** Examples the rule must satisfy: evaluating `rule` on `input` gives `expected`. */
  tests?: ScoringRuleTest[];
};

/** An amount of working or calendar time. */
export type SlaPolicyDuration = {
  /** How many units. */
  amount: number;
  /** Time unit. */
  unit: 'workingHours' | 'workingDays' | 'calendarDays';
};

/** One step of the reminder → supervision ladder: when it is reached (a fraction of the timer's budget, or a time after its deadline) and what it does. */
export type SlaPolicyLadderStep = {
  /** Step id, unique in the policy; each step fires once per timer run. */
  id: string;
  /** `remind` (催办: the unit is reminded) or `supervise` (督办: the case is escalated to `level`). */
  action: 'remind' | 'supervise';
  /** For `supervise`: the supervision level reached (1 = 督办, 2 = higher-level 督办). */
  level?: number;
  /** Which timer the step watches. */
  timer: 'accept' | 'handle' | 'reply';
  /** Reached when this fraction of the timer's budget has elapsed (1 = the deadline; paused time does not count). */
  fraction?: number;
  /** Reached this long after the timer's deadline, on the policy's clock. */
  afterDeadline?: SlaPolicyDuration;
  /** Display name of the step. */
  label?: LocalizedText;
};

/** The three limits of one priority. */
export type SlaPolicyPriorityLimits = {
  /** Priority the limits apply to. */
  priority: Priority;
  /** Time to accept (签收) a dispatched case. */
  accept: SlaPolicyDuration;
  /** Time to handle (办结) the case. */
  handle: SlaPolicyDuration;
  /** Time to reply to the citizen after handling. */
  reply: SlaPolicyDuration;
};

/** Deadlines (办理时限) per case priority, measured in working time over a working calendar, with warning thresholds. */
export type SlaPolicy = {
  /** Document kind. */
  kind: 'slaPolicy';
  /** SLA policy id, unique in the rule set. */
  id: Id;
  /** Document schema version. */
  schemaVersion: SchemaVersion;
  /** Display name. */
  name: LocalizedText;
  /** Working calendar (holidays, swapped workdays) the limits are counted on. */
  calendarId: Id;
  /** Limits per priority; every priority a routing table can output needs an entry. */
  limits: SlaPolicyPriorityLimits[];
  /** Workflow states during which running timers are paused (e.g. `returned`: the time a returned case waits for re-dispatch is not charged to any unit). */
  pauseInStates?: string[];
  /** How the limits are counted: `working` over the calendar's office hours and working days (default), or `natural` 24×7 (emergencies: working hours count as clock hours, working days as 24-hour days; holidays do not stop the clock). */
  clock?: 'working' | 'natural';
  /** When an action gives the case another lead unit (re-dispatch after a return, arbitration): `fresh` gives the new unit its own accept and handle clocks, `continue` lets it inherit the previous unit's (paused) clocks. */
  onRedispatch?: 'fresh' | 'continue';
  /** Reminder → supervision ladder (催办 → 督办) run by the deadline worker: each step is recorded once per timer run as a case event (`reminded`, `escalated` with its level) and sent through the outbox (`case.reminded`, `case.supervised`). */
  ladder?: SlaPolicyLadderStep[];
  /** Fractions of the limit at which a warning is raised, ascending. */
  warningThresholds?: number[];
};

/** A responsible unit (责任单位): department, street office, community, third party or city office. Units form a tree and belong to peer groups ranked together. */
export type Unit = {
  /** Document kind. */
  kind: 'unit';
  /** Unit id, unique in the rule set. */
  id: Id;
  /** Document schema version. */
  schemaVersion: SchemaVersion;
  /** Display name of the unit. */
  name: LocalizedText;
  /** What kind of unit this is. */
  type: 'department' | 'street' | 'community' | 'thirdParty' | 'cityOffice';
  /** Id of the parent unit (e.g. the street office of a community); absent for top-level units. */
  parentId?: Id;
  /** Peer groups the unit is ranked in (e.g. all street offices). */
  peerGroups?: string[];
  /** Whether the unit takes part in this period; inactive units get no tasks or scores. */
  active?: boolean;
};

/** One action of the workflow as people see it. */
export type WorkflowAction = {
  /** Action name used by transitions. */
  name: string;
  /** Button label. */
  label: LocalizedText;
  /** Help shown with the action's form. */
  description?: LocalizedText;
  /** Style of the button: `primary` moves the case forward, `neutral` records something, `danger` refuses or moves it back. */
  tone?: 'primary' | 'neutral' | 'danger';
  /** The input the action asks for. `schema` is a JSON Schema (draft 2020-12) of an object; the server validates the input against it before guards run. Strings with `format: "baton-unit"` (or arrays of them) are picked from the unit list. */
  input?: {
    /** JSON Schema of the input object. */
    schema: Record<string, unknown>;
    /** JSON Forms UI schema laying out the input form; absent = one control per property. */
    uiSchema?: Record<string, unknown>;
  };
};

/** An intake channel. */
export type WorkflowChannel = {
  /** Canonical channel code stored on the case. */
  code: string;
  /** Display name. */
  label: LocalizedText;
  /** Other codes senders use for this channel (plugins, Open311). */
  aliases?: string[];
};

/** A side effect of a transition. */
export type WorkflowEffect = {
  /** What to do: `notify` someone, `startTimer`/`stopTimer`/`pauseTimer`/`resumeTimer`/`extendTimer` an SLA timer, `escalate` to supervision (督办), `assign` lead and assisting units (派单), `set` a case flag, `recordAssist` (an assisting unit's opinion is in), `link` this case to another case (merge a duplicate into the case that carries it, or relate them; the other case records the link too), `handOff` the case to an outside system (emits the outbox event `case.handoff.<system>`, which the event catalogue must declare). */
  type:
    | 'notify'
    | 'startTimer'
    | 'stopTimer'
    | 'pauseTimer'
    | 'resumeTimer'
    | 'extendTimer'
    | 'escalate'
    | 'assign'
    | 'set'
    | 'recordAssist'
    | 'link'
    | 'handOff';
  /** For `notify`: who is told. */
  recipients?: Array<'citizen' | 'leadUnit' | 'assistingUnits' | 'dispatcher' | 'supervisor' | 'reviewer'>;
  /** For `notify`: message template id. */
  template?: string;
  /** For `startTimer`/`stopTimer`/`pauseTimer`/`resumeTimer`/`extendTimer`: which SLA limit the timer measures. */
  timer?: 'accept' | 'handle' | 'reply';
  /** For `escalate`: supervision tier (1 = 督办). */
  level?: number;
  /** For `extendTimer`: rule over `case` and `input` giving the extra time (a positive number of `unit`). */
  amount?: Rule;
  /** For `extendTimer`: unit of `amount`. */
  unit?: 'workingHours' | 'workingDays' | 'calendarDays';
  /** For `assign`: rule giving the lead unit id (主办); absent keeps the current one. */
  lead?: Rule;
  /** For `assign`: rule giving the assisting unit ids (协办) as an array or a comma-separated text; absent keeps the current ones. */
  assisting?: Rule;
  /** For `set`: name of the case flag to set (read by guards as `case.flags.<field>`). */
  field?: string;
  /** For `set`: rule over `case` and `input` giving the flag's new value. For `handOff`: rule giving the item code handed over (e.g. the approval item), or absent. */
  value?: Rule;
  /** For `link`: rule over `case` and `input` giving the other case's id or number. */
  target?: Rule;
  /** For `link`: `mergedInto` (this case is a duplicate carried by the other; the other records that it carries this one) or `related`. */
  relation?: 'mergedInto' | 'related';
  /** For `handOff`: the outside system the case is handed to; the event `case.handoff.<system>` goes to the plugins subscribed to it (e.g. `approval`: the online approval system, 行政审批). */
  system?: string;
};

/** A state of the workflow. */
export type WorkflowState = {
  /** State name, unique in the workflow; used by transitions. */
  name: string;
  /** Display label. */
  label: LocalizedText;
  /** Whether citizens see this state when they look up their case. */
  public?: boolean;
  /** What the state means for the case's clocks and lists: `open` (being worked, timers run), `paused` (every running SLA timer is paused while the case is here, e.g. 挂起), `closed` (the case is finished; only final states). Default: `closed` for final states, `open` otherwise. */
  type?: 'open' | 'paused' | 'closed';
  /** Colour of the state's badge in lists and on the case page. */
  colour?: 'grey' | 'blue' | 'teal' | 'green' | 'orange' | 'red' | 'purple';
};

/** A move from one state to another, triggered by an action. */
export type WorkflowTransition = {
  /** Optional id, used to match transitions across versions. */
  id?: Id;
  /** Source state name. */
  from: string;
  /** Target state name. */
  to: string;
  /** Action name that triggers the transition. */
  action: string;
  /** Roles allowed to take the action. */
  roles: Role[];
  /** Rule over `case` (state, units, priority, flags, intake data, `pendingAssistCount` …), `input` and `actor` (role, unitId, isLead, isAssisting) that must be true for the transition to be allowed. */
  guard?: Rule;
  /** For actors with role `unit`: which units of the case may take the action — the lead unit (主办), an assisting unit (协办) or either. Other roles are not scoped. */
  unitScope?: 'lead' | 'assisting' | 'involved';
  /** What the transition counts as in case metrics (办件指标), so metrics do not depend on action names: `handled` 办结, `returned` 退单, `returnRejected` 退单被驳回 (wrongful return), `ratedSatisfied` / `ratedUnsatisfied` 满意度评价, `redo` 重办, `extensionApproved` 延期获批, `unreachable` 回访无法联系 (closed without a rating, left out of satisfaction). */
  metric?:
    | 'handled'
    | 'returned'
    | 'returnRejected'
    | 'ratedSatisfied'
    | 'ratedUnsatisfied'
    | 'redo'
    | 'extensionApproved'
    | 'unreachable';
  /** Side effects run when the transition happens. */
  effects?: WorkflowEffect[];
};

/** The case state machine: states, the initial and final states, and transitions with roles, guards and effects. */
export type Workflow = {
  /** Document kind. */
  kind: 'workflow';
  /** Workflow id, unique in the rule set. */
  id: Id;
  /** Document schema version. */
  schemaVersion: SchemaVersion;
  /** Display name. */
  name: LocalizedText;
  /** All states of the workflow. */
  states: WorkflowState[];
  /** Name of the state a new case starts in. */
  initial: string;
  /** Names of the states that end the case. */
  final: string[];
  /** Allowed moves between states. */
  transitions: WorkflowTransition[];
  /** The actions people can take on a case, declared once: label, tone, the input form (JSON Schema + UI schema, rendered by the studio) and its help. Every transition's `action` must be declared here when the list is present. Who may act comes from the transitions' `roles`. */
  actions?: WorkflowAction[];
  /** Intake channels (受理渠道) a case may come from. Plugins and adapters may send an alias (e.g. `110`), stored beside the canonical code. Without this list any well-formed channel code is accepted. */
  channels?: WorkflowChannel[];
  /** Duplicate detection at intake (重复件识别): earlier cases received within the window that share the category (when asked) and the caller's phone, the address, or a similar text are listed on the new case as likely originals, for the operator to link or merge. Absent: no detection. */
  duplicates?: {
    /** How far back (hours before the new case was received) earlier cases are compared. */
    windowHours: number;
    /** Whether a likely original must be of the same category (事项分类). */
    sameCategory?: boolean;
    /** Character-bigram similarity (0–1) of the two texts from which the texts alone make a likely original. */
    textSimilarity?: number;
    /** Most likely originals listed on a new case. */
    limit?: number;
    /** States of earlier cases that are never originals (e.g. `merged`, `rejected`). */
    excludeStates?: string[];
  };
};
