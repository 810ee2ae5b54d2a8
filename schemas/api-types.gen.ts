/** @module HTTP API types (response, body and query shapes) generated from /openapi.json by scripts/gen-api-types.ts: do not edit, run `npm run gen:api-types`. */

export type Amendment = {
  id: string;
  entryId: string;
  unitId: string;
  indicatorId: string;
  period: string;
  /** Form values (validated against the form schema) */
  values: Record<string, unknown>;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
  newEntryId: string | null;
};

/** Revoke an API key; it is refused from the next request on (DELETE /api/api-keys/{id}) */
export type DeleteApiApiKeysIdResponse = {
  id: string;
  /** The public part of the key, `bk_<prefix>_…` */
  prefix: string;
  name: string;
  roles: Array<'admin' | 'dispatcher' | 'supervisor' | 'unit' | 'reviewer' | 'auditor' | 'plugin'>;
  unitId: string | null;
  createdAt: string;
  revokedAt: string | null;
};

/** Query parameters of DELETE /api/rule-sets/{id}/versions/{n}/documents/{kind}/{docId} */
export type DeleteApiRuleSetsIdVersionsNDocumentsKindDocIdQuery = {
  /** The revision you loaded (alternative to If-Match) */
  revision?: number;
};

/** Remove one document of a draft (If-Match or ?revision= required) (DELETE /api/rule-sets/{id}/versions/{n}/documents/{kind}/{docId}) */
export type DeleteApiRuleSetsIdVersionsNDocumentsKindDocIdResponse = PostApiRuleSetsResponse;

export type Error = {
  error: {
    /** Stable machine-readable code */
    code: string;
    /** Message in zh-CN or en, by Accept-Language */
    message: string;
    /** JSON pointer of the offending input */
    path?: string;
    /** Further facts, e.g. every validation issue */
    details?: unknown;
    /** Request id, on internal errors */
    requestId?: string;
  };
};

export type FormCheck = {
  id?: string;
  rule: unknown;
  message: LocalizedText;
  path: string;
};

/** List API keys (without secrets) (GET /api/api-keys) */
export type GetApiApiKeysResponse = DeleteApiApiKeysIdResponse[];

/** Export a signed checkpoint of the verified chain head, to keep outside the database (GET /api/audit/checkpoint) */
export type GetApiAuditCheckpointResponse = {
  format: 'baton-audit-checkpoint';
  version: 1;
  /** Records covered (= seq of the last one) */
  count: number;
  /** Hash of record `count` (64 zeros for an empty log) */
  lastHash: string;
  /** When it was signed (the server clock), an ISO instant */
  at: string;
  /** Public id of the audit key (not the key) */
  keyId: string;
  /** HMAC-SHA-256 under the audit key */
  mac: string;
};

/** Query parameters of GET /api/audit */
export type GetApiAuditQuery = {
  actor?: string;
  action?: string;
  /** Prefix match */
  target?: string;
  /** Inclusive ISO date or instant */
  from?: string;
  /** Inclusive; a bare date includes the whole day */
  to?: string;
  limit?: number;
  offset?: number;
  order?: 'asc' | 'desc';
};

/** Audit records with filters and paging (newest first by default) (GET /api/audit) */
export type GetApiAuditResponse = {
  items: Array<{
    seq: number;
    at: string;
    actor: string;
    action: string;
    target: string;
    beforeHash?: string | null;
    afterHash?: string | null;
    details?: unknown;
    prevHash: string;
    hash: string;
    /** How `hash` was made: HMAC under the audit key, or plain SHA-256 (records older than the key) */
    scheme?: 'sha256' | 'hmac-sha256';
    /** Public id of the audit key of an HMAC record */
    keyId?: string | null;
  }>;
  total: number;
};

/** Walk the keyed audit chain and its signed checkpoints; names the first broken record (GET /api/audit/verify) */
export type GetApiAuditVerifyResponse = {
  ok: boolean;
  /** Records read */
  count: number;
  lastSeq?: number;
  lastHash?: string | null;
  /** Whether the chain has keyed (HMAC) records */
  keyed?: boolean;
  /** The newest stored checkpoint checked, or null */
  checkpoint?: GetApiAuditVerifyResponseCheckpoint;
  /** The exported checkpoint checked, or null */
  anchor?: GetApiAuditVerifyResponseCheckpoint;
  /** The first record that is missing, changed or not covered */
  firstBrokenSeq?: number;
  reason?:
    | 'malformed'
    | 'seq_gap'
    | 'prev_hash_mismatch'
    | 'hash_mismatch'
    | 'scheme_downgrade'
    | 'key_mismatch'
    | 'key_unavailable'
    | 'checkpoint_missing'
    | 'checkpoint_invalid'
    | 'checkpoint_mismatch'
    | 'truncated'
    | 'anchor_mismatch'
    | 'anchor_truncated';
  message: GetApiAuditVerifyResponseMessage;
};

export type GetApiAuditVerifyResponseCheckpoint = {
  count: number;
  at: string;
} | null;

export type GetApiAuditVerifyResponseMessage = {
  en: string;
  zh: string;
};

/** Case categories of the rule set in force with their intake forms (citizen portal) (GET /api/case-categories) */
export type GetApiCaseCategoriesResponse = Array<Record<string, unknown>>;

/** Query parameters of GET /api/case-metrics */
export type GetApiCaseMetricsQuery = {
  month: string;
  unitId?: string;
};

/** Case metrics per unit for a month (on-time, satisfaction, returns, redo, supervision) (GET /api/case-metrics) */
export type GetApiCaseMetricsResponse = {
  month: string;
  items: unknown[];
};

/** CaseDetail (docs/api-cases.md) */
export type GetApiCasesIdResponse = {
  availableActions: Array<{
    action: string;
    /** Possible target states */
    to: string[];
    /** A guard reads the input */
    needsInput: boolean;
    /** Button label */
    label: GetApiAuditVerifyResponseMessage;
    /** Help shown with the action’s form */
    description: GetApiAuditVerifyResponseMessage | null;
    /** Button style: primary moves the case on, neutral records, danger refuses or moves back */
    tone: 'primary' | 'neutral' | 'danger';
    /** The input form: a JSON Schema of an object (strings of `format: "baton-unit"` are unit ids) and an optional JSON Forms UI schema; null when the action asks for nothing */
    input: GetApiCasesWorkflowResponseActionInput | null;
  }>;
};

/** Query parameters of GET /api/cases */
export type GetApiCasesQuery = {
  queue?: 'dispatcher' | 'unit' | 'supervisor' | 'reviewer' | 'all';
  status?: string;
  category?: string;
  channel?: string;
  priority?: 'urgent' | 'high' | 'normal' | 'low';
  unitId?: string;
  slaLight?: 'none' | 'green' | 'yellow' | 'red' | 'overdue';
  q?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
};

/** Cases of a queue (dispatcher, unit inbox, supervisor, reviewer) with filters and SLA lights (GET /api/cases) */
export type GetApiCasesResponse = {
  items: Array<Record<string, unknown>>;
  total: number;
};

/** Query parameters of GET /api/case-statistics */
export type GetApiCaseStatisticsQuery = {
  /** First month (YYYY-MM, district time) */
  from: string;
  /** Last month (YYYY-MM), at most 24 months after from */
  to: string;
};

/** Cases received per month by category and channel, and SLA compliance per month (by the data’s own dates; unit users: their unit’s cases) (GET /api/case-statistics) */
export type GetApiCaseStatisticsResponse = {
  from: string;
  to: string;
  months: Array<{
    month: string;
    /** Cases received in the month */
    received: number;
    byCategory: Record<string, number>;
    byChannel: Record<string, number>;
    handledWithTimer: number;
    handledOnTime: number;
    onTimeRate: number | null;
    overdueCount: number;
  }>;
  categories: Array<{
    code: string;
    name: GetApiAuditVerifyResponseMessage;
    group: GetApiAuditVerifyResponseMessage;
  }>;
  channels: Array<{
    code: string;
    label: GetApiAuditVerifyResponseMessage;
  }>;
};

/** Query parameters of GET /api/cases/workflow */
export type GetApiCasesWorkflowQuery = {
  /** The day (YYYY-MM-DD) whose workflow is wanted; default today */
  at?: string;
};

/** The case workflow in force on a day: states (label, type, colour), actions (label, tone, input form, roles) and intake channels (GET /api/cases/workflow) */
export type GetApiCasesWorkflowResponse = {
  ruleSetId: string;
  version: number;
  workflowId: string;
  name: GetApiAuditVerifyResponseMessage;
  initial: string;
  final: string[];
  states: Array<{
    name: string;
    label: GetApiAuditVerifyResponseMessage;
    type: 'open' | 'paused' | 'closed';
    /** Badge colour */
    colour: string | null;
    /** Citizens see this state */
    public: boolean;
  }>;
  actions: Array<{
    name: string;
    /** Roles of the action’s transitions (staff roles, `citizen`, `plugin`) */
    roles: string[];
    /** Button label */
    label: GetApiAuditVerifyResponseMessage;
    /** Help shown with the action’s form */
    description: GetApiAuditVerifyResponseMessage | null;
    /** Button style: primary moves the case on, neutral records, danger refuses or moves back */
    tone: 'primary' | 'neutral' | 'danger';
    /** The input form: a JSON Schema of an object (strings of `format: "baton-unit"` are unit ids) and an optional JSON Forms UI schema; null when the action asks for nothing */
    input: GetApiCasesWorkflowResponseActionInput | null;
  }>;
  channels: Array<{
    code: string;
    label: GetApiAuditVerifyResponseMessage;
    aliases: string[];
  }>;
};

export type GetApiCasesWorkflowResponseActionInput = {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown> | null;
};

/** Liveness and database check (GET /api/health) */
export type GetApiHealthResponse = {
  status: 'ok' | 'degraded';
  version: string;
  db: 'ok' | 'error';
  /** The product's clock (ISO 8601) */
  now?: string;
  /** Today's date in the district's time zone, by the product's clock */
  today?: string;
  /** The district's IANA time zone: clients show every instant in it */
  timeZone?: string;
  /** Only on a demo start: the year of demo cases loading in the background (cases, then months scored) */
  demoData?: {
    isLoading: boolean;
    done: number;
    total: number;
  };
};

/** Progress and, when done, the result of a long computation (what-if run) (GET /api/jobs/{id}) */
export type GetApiJobsIdResponse = PostApiPerformanceWhatIfJobsResponse;

/** The signed-in user and the CSRF token of the session (GET /api/me) */
export type GetApiMeResponse = PostApiAuthLoginResponse;

/** The signed-in user’s work for today, per role (GET /api/me/work) */
export type GetApiMeWorkResponse = {
  /** Product clock instant the queues were computed at */
  now: string;
  /** District day of `now` */
  today: string;
  unit: GetApiMeWorkResponseUnit | null;
  queues: Array<{
    id:
      | 'formsDue'
      | 'casesOverdue'
      | 'casesNearDue'
      | 'casesWaiting'
      | 'casesToDispatch'
      | 'supervision'
      | 'reviews'
      | 'approvals'
      | 'amendments'
      | 'deadLetters';
    label: GetApiAuditVerifyResponseMessage;
    /** Studio route of the full list */
    link: string;
    /** Items in the queue (items shows at most 10) */
    total: number;
    items: Array<{
      /** Stable key within the queue */
      key: string;
      title: GetApiAuditVerifyResponseMessage;
      detail: GetApiAuditVerifyResponseMessage | null;
      unit: GetApiMeWorkResponseUnit | null;
      category: GetApiAuditVerifyResponseMessage | null;
      state: GetApiAuditVerifyResponseMessage | null;
      /** Month `YYYY-MM` of a form or amendment */
      period: string | null;
      /** District day `YYYY-MM-DD` (forms) or ISO instant (cases) */
      deadline: string | null;
      /** Whole district days from today to the deadline; negative when overdue */
      daysLeft: number | null;
      /** Whole district days a request, review or dead letter has been waiting */
      waitingDays: number | null;
      tone: 'overdue' | 'urgent' | 'normal';
      counts: {
        /** Indicators of the month still empty */
        empty: number;
        /** Indicators due that month */
        total: number;
      } | null;
      /** Studio route that opens the action */
      link: string;
    }>;
  }>;
};

export type GetApiMeWorkResponseUnit = {
  /** Unit id */
  id: string;
  /** Unit name */
  name: string;
};

/** Query parameters of GET /api/performance/amendments */
export type GetApiPerformanceAmendmentsQuery = {
  status?: 'pending' | 'approved' | 'rejected';
  unitId?: string;
};

/** Amendment requests, newest first (GET /api/performance/amendments) */
export type GetApiPerformanceAmendmentsResponse = {
  items: Amendment[];
};

/** Query parameters of GET /api/performance/comparisons */
export type GetApiPerformanceComparisonsQuery = {
  period: string;
  kind?: 'monthOnMonth' | 'yearOnYear' | 'improvement';
  basePeriod?: string;
  ruleSetId?: string;
};

/** Comparisons over time (month on month, year on year, improvement) (GET /api/performance/comparisons) */
export type GetApiPerformanceComparisonsResponse = {
  period: string;
  kind: 'monthOnMonth' | 'yearOnYear' | 'improvement';
  items: Array<{
    unitId: string;
    period: string;
    basePeriod: string;
    total: number | null;
    baseTotal: number | null;
    change: number | null;
    changeRate: number | null;
    rank: number | null;
    baseRank: number | null;
    rankImprovement: number | null;
  }>;
};

/** One ledger entry (GET /api/performance/entries/{id}) */
export type GetApiPerformanceEntriesIdResponse = LedgerEntry;

/** Query parameters of GET /api/performance/entries */
export type GetApiPerformanceEntriesQuery = {
  unitId?: string;
  indicatorId?: string;
  period?: string;
  includeSuperseded?: boolean;
};

/** Ledger entries, newest first (GET /api/performance/entries) */
export type GetApiPerformanceEntriesResponse = {
  items?: LedgerEntry[];
};

/** Query parameters of GET /api/performance/forms-due */
export type GetApiPerformanceFormsDueQuery = GetApiPerformanceIndicatorsQuery;

/** A unit’s forms for a period with deadline status (open / dueSoon / late / locked) (GET /api/performance/forms-due) */
export type GetApiPerformanceFormsDueResponse = {
  ruleSetId: string;
  ruleSetVersion: number;
  unitId: string;
  period: string;
  today: string;
  forms: Array<{
    indicatorId: string;
    code: string;
    name: LocalizedText;
    formId: string;
    frequency: 'monthly' | 'quarterly' | 'yearly';
    period: string;
    deadline: string;
    lockDate: string;
    status: 'notDue' | 'open' | 'dueSoon' | 'late' | 'locked';
    entry: LedgerEntry | null;
    pendingAmendment: Amendment | null;
  }>;
};

/** Query parameters of GET /api/performance/forms/{indicatorId} */
export type GetApiPerformanceFormsIndicatorIdQuery = GetApiPerformanceIndicatorsQuery;

/** The form of an indicator (JSON Schema, UI schema, checks) from the active rule set (GET /api/performance/forms/{indicatorId}) */
export type GetApiPerformanceFormsIndicatorIdResponse = {
  ruleSetId: string;
  ruleSetVersion: number;
  indicatorId: string;
  code: string;
  unitId: string;
  formId: string;
  name: LocalizedText;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown> | null;
  checks: FormCheck[];
  computed: unknown[];
  target: number | null;
  period: string;
  deadline: string;
  lockDate: string;
  status: 'notDue' | 'open' | 'dueSoon' | 'late' | 'locked';
};

/** Query parameters of GET /api/performance/indicators */
export type GetApiPerformanceIndicatorsQuery = {
  unitId?: string;
  ruleSetId?: string;
  period?: string;
};

/** A unit’s indicators with weights and targets, under the version in force for `period` (default this month; next year’s once published) (GET /api/performance/indicators) */
export type GetApiPerformanceIndicatorsResponse = {
  ruleSetId: string;
  ruleSetVersion: number;
  unitId: string;
  indicators: Array<{
    indicatorId: string;
    code: string;
    name: LocalizedText;
    path: string[];
    role: 'scored' | 'bonus' | 'deduction' | 'veto';
    frequency: 'monthly' | 'quarterly' | 'yearly';
    dataSource: string;
    formId: string | null;
    maxScore: number;
    minScore: number;
    weight: number;
    localWeight: number;
    target: {
      value: number;
      monthly?: number[];
    } | null;
    lightRuleId: string | null;
  }>;
};

/** Query parameters of GET /api/performance/lights */
export type GetApiPerformanceLightsQuery = {
  unitId?: string;
  ruleSetId?: string;
  asOf?: string;
  /** Wait for the score recomputes queued so far before answering (default: answer at once, `recomputing` says whether figures are pending) */
  fresh?: boolean;
};

/** Light matrix unit × indicator (GET /api/performance/lights) */
export type GetApiPerformanceLightsResponse = {
  asOf: string;
  ruleSet: string;
  units: Array<{
    id: string;
    name: LocalizedText;
  }>;
  indicators: Array<{
    id: string;
    code: string;
    name: LocalizedText;
  }>;
  lights: Array<{
    unitId: string;
    indicatorId: string;
    asOf: string;
    colour: 'green' | 'yellow' | 'red' | 'grey' | 'overdue';
    actual: number | null;
    expected: number | null;
    shortfall: number | null;
    direction: 'higherIsBetter' | 'lowerIsBetter';
    reportPeriod: string | null;
    overduePeriod: string | null;
  }>;
  /** True while new entries wait for their background recompute (the lights are the last computed) */
  recomputing: boolean;
};

/** Query parameters of GET /api/performance/lists */
export type GetApiPerformanceListsQuery = {
  period: string;
  ruleSetId?: string;
};

/** Red list and black list of a month (GET /api/performance/lists) */
export type GetApiPerformanceListsResponse = {
  period: string;
  red: Array<
    RankingRow & {
      group: string;
    }
  >;
  black: RankingRow[];
};

/** Query parameters of GET /api/performance/monthly-form */
export type GetApiPerformanceMonthlyFormQuery = GetApiPerformanceIndicatorsQuery;

/** A unit’s monthly form: every indicator it fills that month grouped by level-1 area, with the deadline status and the values submitted (default month: the one due next) (GET /api/performance/monthly-form) */
export type GetApiPerformanceMonthlyFormResponse = {
  ruleSetId: string;
  ruleSetVersion: number;
  unitId: string;
  unitName: string;
  period: string;
  today: string;
  deadline: string;
  lockDate: string;
  status: 'notDue' | 'open' | 'dueSoon' | 'late' | 'locked';
  /** Days from today to the deadline (negative: past it) */
  daysLeft: number;
  counts: {
    empty: number;
    total: number;
  };
  /** The month due next (earliest open deadline) */
  dueNext: string | null;
  months: Array<{
    period: string;
    deadline: string;
    lockDate: string;
    status: 'notDue' | 'open' | 'dueSoon' | 'late' | 'locked';
    daysLeft: number;
    empty: number;
    total: number;
  }>;
  areas: Array<{
    id: string;
    code: string;
    name: LocalizedText;
    empty: number;
    indicators: Array<{
      indicatorId: string;
      code: string;
      name: LocalizedText;
      frequency: 'monthly' | 'quarterly' | 'yearly';
      formId: string;
      formName: LocalizedText;
      schema: Record<string, unknown>;
      uiSchema: Record<string, unknown> | null;
      checks: FormCheck[];
      computed: unknown[];
      target: number | null;
      entry: LedgerEntry | null;
      pendingAmendment: Amendment | null;
    }>;
  }>;
};

/** Query parameters of GET /api/performance/rankings */
export type GetApiPerformanceRankingsQuery = {
  period: string;
  group?: string;
  ruleSetId?: string;
  /** Wait for the score recomputes queued so far before answering (default: answer at once, `recomputing` says whether figures are pending) */
  fresh?: boolean;
};

/** Rankings per peer group (competition ranks: ties share a rank) (GET /api/performance/rankings) */
export type GetApiPerformanceRankingsResponse = {
  period: string;
  ruleSet: string;
  groups: Array<{
    group: string;
    rows: RankingRow[];
  }>;
  recomputing: boolean;
};

/** Query parameters of GET /api/performance/reports/district */
export type GetApiPerformanceReportsDistrictQuery = {
  period: string;
  format?: 'json' | 'csv';
  ruleSetId?: string;
};

/** Query parameters of GET /api/performance/reports/unit */
export type GetApiPerformanceReportsUnitQuery = {
  unitId?: string;
  ruleSetId?: string;
  period: string;
  format?: 'json' | 'csv' | 'html';
  lang?: 'zh' | 'en';
};

/** Query parameters of GET /api/performance/scores */
export type GetApiPerformanceScoresQuery = {
  unitId?: string;
  ruleSetId?: string;
  period: string;
  indicatorId?: string;
  explain?: boolean;
  /** Wait for the score recomputes queued so far before answering (default: answer at once, `recomputing` says whether figures are pending) */
  fresh?: boolean;
};

/** Scores of a unit for a month with traces ("why this score", naming ruleSetId@version) (GET /api/performance/scores) */
export type GetApiPerformanceScoresResponse = Record<string, unknown>;

/** Query parameters of GET /api/plugins/deliveries */
export type GetApiPluginsDeliveriesQuery = {
  plugin?: string;
  status?: 'pending' | 'delivering' | 'delivered' | 'failed-retrying' | 'dead';
  limit?: number;
};

/** Delivery log, newest first, with every attempt (GET /api/plugins/deliveries) */
export type GetApiPluginsDeliveriesResponse = PostApiPluginsDeliveriesIdReplayResponse[];

/** Requests received from intake channels (until case management exists) (GET /api/plugins/intake-requests) */
export type GetApiPluginsIntakeRequestsResponse = GetApiCaseCategoriesResponse;

/** Config, config and credential schemas, and whether credentials are set (GET /api/plugins/{name}/config) */
export type GetApiPluginsNameConfigResponse = {
  name: string;
  config: Record<string, unknown>;
  configSchema: Record<string, unknown>;
  credentialsSchema: Record<string, unknown>;
  credentials: 'set' | 'not set';
  credentialFields: Record<string, 'set' | 'not set'>;
};

/** Query parameters of GET /api/plugins/{name}/handoffs */
export type GetApiPluginsNameHandoffsQuery = {
  caseNumber?: string;
  limit?: number;
};

/** Statuses the outside system reported on cases handed to it, newest first (GET /api/plugins/{name}/handoffs) */
export type GetApiPluginsNameHandoffsResponse = GetApiCaseCategoriesResponse;

/** List plugins with their status (credentials only as set / not set) (GET /api/plugins) */
export type GetApiPluginsResponse = PutApiPluginsNameEnabledResponse[];

/** Query parameters of GET /api/rule-sets/active */
export type GetApiRuleSetsActiveQuery = {
  at?: string;
  /** Needed when several rule sets are in force */
  ruleSetId?: string;
};

/** The published version in force on a date (default today, Asia/Shanghai) (GET /api/rule-sets/active) */
export type GetApiRuleSetsActiveResponse = PostApiRuleSetsResponse;

/** Query parameters of GET /api/rule-sets/diff */
export type GetApiRuleSetsDiffQuery = {
  a: string;
  b: string;
};

/** Semantic diff between two versions (same or different rule sets) (GET /api/rule-sets/diff) */
export type GetApiRuleSetsDiffResponse = {
  a: Record<string, unknown>;
  b: Record<string, unknown>;
  changes: unknown[];
  text: string;
};

/** One rule set with the versions you may see (GET /api/rule-sets/{id}) */
export type GetApiRuleSetsIdResponse = {
  id: string;
  name?: unknown;
  period?: unknown;
  /** Version of this set in force today */
  inForce: number | null;
  versions: GetApiRuleSetsIdResponseVersion[];
};

export type GetApiRuleSetsIdResponseVersion = {
  ruleSetId: string;
  number: number;
  status: 'draft' | 'inReview' | 'approved' | 'published' | 'archived';
  /** Also sent as the ETag of the version */
  revision: number;
  /** SHA-256 of the canonical content; frozen once published */
  sha256: string;
  basedOn?: number | null;
  /** `{en, zh}` from the content */
  name?: unknown;
  /** `{from, to}` from the content */
  period?: unknown;
  createdBy?: string;
  createdAt?: string;
  submittedBy?: string | null;
  submittedAt?: string | null;
  approvedBy?: string | null;
  approvedAt?: string | null;
  publishedBy?: string | null;
  publishedAt?: string | null;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  archivedAt?: string | null;
  supersededBy?: string | null;
  reviewComment?: string | null;
};

/** A signed bundle (schemas/bundle.schema.json) */
export type GetApiRuleSetsIdVersionsNBundleResponse = {
  format: 'baton-bundle';
  version: 1;
  ruleSet: Record<string, unknown>;
  exportedAt: string;
  sourceRevision: string;
  signature: Record<string, unknown>;
};

/** One version with content and issues; ETag = revision (GET /api/rule-sets/{id}/versions/{n}) */
export type GetApiRuleSetsIdVersionsNResponse = PostApiRuleSetsResponse;

/** AHP weights view of a version (drafts included): per node with a pairwise matrix, the derived weights of its children, λmax, CI, RI, CR and method (GET /api/rule-sets/{id}/versions/{n}/weights) */
export type GetApiRuleSetsIdVersionsNWeightsResponse = {
  ruleSetId: string;
  number: number;
  status: string;
  revision: number;
  nodes: Array<{
    nodeId: string;
    /** `{en, zh}` of the indicator */
    name: unknown;
    /** Id the children name in `weight: {ahp}` */
    comparisonId: string;
    method: 'eigenvector' | 'geometricMean';
    children: Array<{
      id: string;
      /** `{en, zh}` of the child, null when no indicator has that id */
      name: unknown;
      /** Derived local weight (siblings sum to 1) */
      weight: number | null;
    }>;
    /** λmax; null when the matrix is invalid */
    lambdaMax: number | null;
    /** Consistency index (λmax − n) / (n − 1) */
    ci: number | null;
    /** Random index for n (Saaty) */
    ri: number | null;
    /** Consistency ratio CI / RI */
    cr: number | null;
    crThreshold: number;
    /** CR below the threshold */
    isConsistent: boolean;
    /** The judgement disagreeing most with the weights; `a`, `b` are child ids */
    mostInconsistentPair?: Record<string, unknown> | null;
    /** Why the matrix cannot be weighted */
    issues: PostApiRuleSetsResponseIssue[];
  }>;
};

/** Versions of a rule set you may see, newest first (GET /api/rule-sets/{id}/versions) */
export type GetApiRuleSetsIdVersionsResponse = {
  items: GetApiRuleSetsIdResponseVersion[];
};

/** List rule sets with the versions you may see (others than admin/auditor: published only) (GET /api/rule-sets) */
export type GetApiRuleSetsResponse = {
  items: GetApiRuleSetsIdResponse[];
};

/** Query parameters of GET /api/rule-sets/timeline */
export type GetApiRuleSetsTimelineQuery = {
  at?: string;
};

/** The timeline: every published version by effective period, marked past, in force or next as of a date (GET /api/rule-sets/timeline) */
export type GetApiRuleSetsTimelineResponse = {
  at: string;
  items: Array<{
    timeline: string;
    ruleSetId: string;
    number: number;
    name?: unknown;
    effectiveFrom: string;
    effectiveTo: string;
    status?: string;
    when: 'past' | 'inForce' | 'next';
    carries: Array<'assessment' | 'cases'>;
  }>;
};

/** One responsible unit (GET /api/units/{id}) */
export type GetApiUnitsIdResponse = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: 'department' | 'street' | 'community' | 'third_party' | 'city_office';
  parentId: string | null;
  peerGroup: string | null;
};

/** List responsible units (unit users see their own subtree) (GET /api/units) */
export type GetApiUnitsResponse = GetApiUnitsIdResponse[];

/** Query parameters of GET /api/users */
export type GetApiUsersQuery = {
  /** Users of this unit and below */
  unitId?: string;
  role?: 'admin' | 'dispatcher' | 'supervisor' | 'unit' | 'reviewer' | 'auditor' | 'plugin';
};

/** List users (never their passwords), optionally of a unit subtree or a role (GET /api/users) */
export type GetApiUsersResponse = PostApiUsersIdDisableResponse[];

/** The event catalogue as AsyncAPI 3.0: every outbox topic plugins can subscribe to, with its payload schema (GET /asyncapi.json) */
export type GetAsyncapiJsonResponse = Record<string, unknown>;

/** Open311 discovery (JSON): the GeoReport v2 endpoint, its formats and changeset (GET /open311/discovery.json) */
export type GetOpen311DiscoveryJsonResponse = {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: Array<{
    specification: string;
    url: string;
    changeset: string;
    type: 'production' | 'test';
    formats: string[];
  }>;
};

/** Open311 one request by its opaque service_request_id (never a case number); path ends in .json or .xml; optional api_key (GET /open311/v2/requests/{id}) */
export type GetOpen311V2RequestsIdResponse = GetOpen311V2RequestsJsonResponse;

/** Open311 search requests (JSON): service_request_id (comma-separated opaque ids) or service_code (comma-separated), status (open,closed), start_date/end_date (W3C datetimes, default last 90 days, at most 90 days apart); newest first, at most 1000; optional api_key (GET /open311/v2/requests.json) */
export type GetOpen311V2RequestsJsonResponse = Array<{
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes?: string | null;
  service_name?: string;
  service_code: string;
  description?: string | null;
  agency_responsible?: string | null;
  service_notice?: string | null;
  requested_datetime: string;
  updated_datetime?: string;
  expected_datetime?: string | null;
  address?: string | null;
  address_id?: string | null;
  zipcode?: string | null;
  lat?: number | null;
  long?: number | null;
  media_url?: string | null;
}>;

/** Open311 service request updates (JSON, mySociety extension): status changes and replies between start_date and end_date; api_key required (GET /open311/v2/servicerequestupdates.json) */
export type GetOpen311V2ServicerequestupdatesJsonResponse = Array<{
  update_id: string;
  service_request_id: string;
  status: 'open' | 'closed';
  updated_datetime: string;
  description: string;
  media_url?: string | null;
}>;

/** Open311 service definition: the attributes of the category intake form; path ends in .json or .xml (GET /open311/v2/services/{code}) */
export type GetOpen311V2ServicesCodeResponse = {
  service_code: string;
  attributes: Array<{
    variable: boolean;
    code: string;
    datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
    required: boolean;
    datatype_description?: string;
    order: number;
    description: string;
    values?: Array<{
      key: string;
      name: string;
    }>;
  }>;
};

/** Open311 services (JSON): the case categories Open311 offers (GET /open311/v2/services.json) */
export type GetOpen311V2ServicesJsonResponse = Array<{
  service_code: string;
  service_name: string;
  description?: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords?: string;
  group?: string;
}>;

/** Open311 token lookup: the service_request_id a token stands for; path ends in .json or .xml (GET /open311/v2/tokens/{token}) */
export type GetOpen311V2TokensTokenResponse = Array<{
  service_request_id: string;
  token: string;
}>;

/** This API as OpenAPI 3.1, generated from the route definitions (GET /openapi.json) */
export type GetOpenapiJsonResponse = Record<string, unknown>;

export type LedgerEntry = {
  id: string;
  unitId: string;
  indicatorId: string;
  period: string;
  /** Form values (validated against the form schema) */
  values: Record<string, unknown>;
  ruleSetId: string;
  ruleSetVersion: number;
  submittedBy: string;
  submittedAt: string;
  isLate: boolean;
  supersedes: string | null;
  kind: 'submitted' | 'amendment' | 'seeded';
  status: 'active' | 'superseded';
  attachments: string[];
};

export type LocalizedText = {
  zh: string;
  en: string;
};

/** Request body of POST /api/api-keys */
export type PostApiApiKeysBody = {
  name: string;
  roles?: Array<'admin' | 'dispatcher' | 'supervisor' | 'unit' | 'reviewer' | 'auditor' | 'plugin'>;
  unitId?: string | null;
};

/** Create an API key; the key is returned once and never again (POST /api/api-keys) */
export type PostApiApiKeysResponse = {
  apiKey: DeleteApiApiKeysIdResponse;
  /** The full key, shown once */
  key: string;
};

/** Request body of POST /api/audit/verify */
export type PostApiAuditVerifyBody = {
  /** The output of GET /api/audit/checkpoint */
  checkpoint: Record<string, unknown>;
};

/** Verify the audit chain against an exported checkpoint kept outside the database (POST /api/audit/verify) */
export type PostApiAuditVerifyResponse = GetApiAuditVerifyResponse;

/** Request body of POST /api/auth/login */
export type PostApiAuthLoginBody = {
  username: string;
  password: string;
};

/** Sign in with username and password (POST /api/auth/login) */
export type PostApiAuthLoginResponse = {
  user: {
    id: string;
    username: string;
    displayName: string;
    roles: Array<'admin' | 'dispatcher' | 'supervisor' | 'unit' | 'reviewer' | 'auditor' | 'plugin'>;
    /** The unit of a unit user */
    unitId: string | null;
  };
  /** Send as `x-csrf-token` on every cookie-authenticated non-GET request; null for API keys */
  csrfToken: string | null;
};

/** A bundle */
export type PostApiBundlesImportBody = Record<string, unknown>;

/** Import a signed bundle as a draft (replaces its unchanged source draft, else a new draft) (POST /api/bundles/import) */
export type PostApiBundlesImportResponse = {
  mode: 'created' | 'replaced';
  version: PostApiRuleSetsResponse;
};

/** Request body of POST /api/calendars/import */
export type PostApiCalendarsImportBody = {
  files: Array<{
    fileName?: string;
    /** The text of a holiday-cn year file (JSON) or of an iCalendar (.ics) file */
    content: string;
  }>;
  /** Id of the new calendar (default: the base calendar’s, else cn-<year>) */
  id?: string;
  /** A calendar of the draft whose weekdays, office hours, zone and policy are kept (and which `merge` adds the imported years to) */
  base?: Record<string, unknown>;
  /** Add the imported years to `base`, keeping its other years */
  merge?: boolean;
};

/** Parse a holiday-cn JSON or iCalendar file into a calendar document (with its listed days); nothing is saved — put the calendar into a draft rule set (POST /api/calendars/import) */
export type PostApiCalendarsImportResponse = {
  /** A calendar document (schemas/calendar.schema.json) */
  calendar: Record<string, unknown>;
  format: 'holiday-cn' | 'ical' | 'calendar';
  years: number[];
  /** Every listed day of the resulting calendar, by date */
  days: Array<{
    date?: string;
    type?: 'holiday' | 'workingDay';
    name?: string;
  }>;
  warnings: Array<{
    path: string;
    code: string;
    message: string;
    messageZh?: string;
    severity?: 'error' | 'warning';
  }>;
};

/** Request body of POST /api/cases */
export type PostApiCasesBody = {
  channel: string;
  category: string;
  text: string;
  data?: Record<string, unknown>;
  requester?: PostApiCasesBodyRequester;
  location?: PostApiCasesBodyLocation;
  externalId?: string;
  receivedAt?: string;
};

export type PostApiCasesBodyLocation = {
  address?: string;
  lat?: number;
  lng?: number;
  streetId?: string;
  communityId?: string;
  gridId?: string;
};

export type PostApiCasesBodyRequester = {
  name?: string;
  phone?: string;
  type?: 'citizen' | 'enterprise';
};

/** Request body of POST /api/cases/{id}/actions/{action} */
export type PostApiCasesIdActionsActionBody = {
  input?: Record<string, unknown>;
};

/** Take a workflow action (dispatch, signFor, return, handle, reply, verify, rate, orderRedo, …) (POST /api/cases/{id}/actions/{action}) */
export type PostApiCasesIdActionsActionResponse = {
  /** CaseDetail (docs/api-cases.md) */
  case: GetApiCasesIdResponse;
};

/** Take in a case from a staff channel (validate, route, number, deadlines) (POST /api/cases) */
export type PostApiCasesResponse = {
  /** CaseDetail (docs/api-cases.md) */
  case: GetApiCasesIdResponse;
  queryPassword: string | null;
  isDuplicate: boolean;
};

/** Request body of POST /api/performance/amendments */
export type PostApiPerformanceAmendmentsBody = {
  entryId: string;
  /** Form values (validated against the form schema) */
  values: Record<string, unknown>;
  reason: string;
};

/** Request body of POST /api/performance/amendments/{id}/decision */
export type PostApiPerformanceAmendmentsIdDecisionBody = {
  decision: 'approve' | 'reject';
  note?: string;
};

/** Query parameters of POST /api/performance/amendments/{id}/decision */
export type PostApiPerformanceAmendmentsIdDecisionQuery = PostApiPerformanceMonthlyFormQuery;

/** Approve (new entry superseding the old, both kept) or reject an amendment (POST /api/performance/amendments/{id}/decision) */
export type PostApiPerformanceAmendmentsIdDecisionResponse = {
  amendment: Amendment;
  entry: LedgerEntry | null;
  score: Record<string, unknown> | null;
  recomputing: boolean;
};

/** Request an amendment of an entry (POST /api/performance/amendments) */
export type PostApiPerformanceAmendmentsResponse = Amendment;

/** Request body of POST /api/performance/attachments */
export type PostApiPerformanceAttachmentsBody = {
  name: string;
  mime: string;
  contentBase64: string;
};

/** Upload an attachment (content-addressed by sha256, stored once) (POST /api/performance/attachments) */
export type PostApiPerformanceAttachmentsResponse = {
  sha256: string;
  name: string;
  mime: string;
  size: number;
  isDuplicate: boolean;
};

/** Request body of POST /api/performance/entries */
export type PostApiPerformanceEntriesBody = {
  unitId?: string;
  indicatorId: string;
  period: string;
  /** Form values (validated against the form schema) */
  values: Record<string, unknown>;
  attachments?: string[];
  ruleSetId?: string;
};

/** Query parameters of POST /api/performance/entries */
export type PostApiPerformanceEntriesQuery = PostApiPerformanceMonthlyFormQuery;

/** Submit a form entry (appended to the ledger and acknowledged; its scores are recomputed in the background, `recomputing: true`) (POST /api/performance/entries) */
export type PostApiPerformanceEntriesResponse = Record<string, unknown>;

/** Request body of POST /api/performance/monthly-form */
export type PostApiPerformanceMonthlyFormBody = {
  unitId?: string;
  period: string;
  /** Form values by indicator id (indicators left out stay as they are) */
  values: Record<string, Record<string, unknown>>;
  /** Evidence files (sha256 of uploads) by indicator id */
  attachments?: Record<string, string[]>;
  ruleSetId?: string;
};

/** Query parameters of POST /api/performance/monthly-form */
export type PostApiPerformanceMonthlyFormQuery = {
  /** Answer only once the scores are recomputed (default: at once, with `recomputing: true`) */
  wait?: boolean;
};

/** Submit a unit’s monthly form: every indicator filled, validated against its form and appended in one transaction (POST /api/performance/monthly-form) */
export type PostApiPerformanceMonthlyFormResponse = {
  unitId: string;
  period: string;
  ruleSetId: string;
  ruleSetVersion: number;
  entries: LedgerEntry[];
  unchanged: string[];
  recomputing: boolean;
};

/** Request body of POST /api/performance/third-party */
export type PostApiPerformanceThirdPartyBody = {
  unitId: string;
  indicatorId: string;
  period: string;
  /** Form values (validated against the form schema) */
  values: Record<string, unknown>;
  ruleSetId?: string;
};

/** Deliver the value of a third-party indicator (POST /api/performance/third-party) */
export type PostApiPerformanceThirdPartyResponse = Record<string, unknown>;

/** Request body of POST /api/performance/what-if */
export type PostApiPerformanceWhatIfBody = {
  /** Rule set whose published version and ledger history are replayed; default the assessment set in force */
  ruleSetId?: string;
  /** Rule set of the draft (e.g. next year’s); default `ruleSetId` */
  draftRuleSetId?: string;
  draftVersion: number;
  /** History months (or the draft’s months, mapped back month-of-year); default every reported month */
  periods?: string[];
};

/** Request body of POST /api/performance/what-if/jobs */
export type PostApiPerformanceWhatIfJobsBody = PostApiPerformanceWhatIfBody;

/** Start a what-if as a job: answers 202 with the job at once; poll GET /api/jobs/{id} for progress and the result (POST /api/performance/what-if/jobs) */
export type PostApiPerformanceWhatIfJobsResponse = {
  /** Job id; poll `GET /api/jobs/{id}` */
  id: string;
  /** What runs */
  kind: string;
  status: 'running' | 'done' | 'failed';
  /** Username of the starter */
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  /** Work units done of total (0 total: not known yet), and the current stage */
  progress: PostApiPerformanceWhatIfJobsResponseProgress;
  /** The result once `status` is `done` (its shape depends on `kind`), else null */
  result: unknown;
  /** Why it failed, once `status` is `failed` */
  error: PostApiPerformanceWhatIfJobsResponseError;
};

export type PostApiPerformanceWhatIfJobsResponseError = {
  code: string;
  message: string;
  text?: GetApiAuditVerifyResponseMessage;
} | null;

export type PostApiPerformanceWhatIfJobsResponseProgress = {
  done: number;
  total: number;
  stage?: GetApiAuditVerifyResponseMessage;
};

/** Score a draft version over the ledger history: per-unit and per-indicator deltas vs the version in force (waits for the result) (POST /api/performance/what-if) */
export type PostApiPerformanceWhatIfResponse = {
  /** History year `from` replayed as the draft’s year `to`, month by month */
  periodMapping: {
    from: string;
    to: string;
    rule: 'monthOfYear';
  };
  periods: string[];
  draftPeriods: string[];
  /** Draft indicators without history */
  noHistory?: string[];
  /** Unit rows (unit × month) whose grade changes */
  gradeChanges: number;
  maxAbsDelta: number;
};

/** Replay a dead delivery with a fresh retry budget (POST /api/plugins/deliveries/{id}/replay) */
export type PostApiPluginsDeliveriesIdReplayResponse = {
  id: string;
  outboxId: number;
  plugin: string;
  topic: string;
  status: 'pending' | 'delivering' | 'delivered' | 'failed-retrying' | 'dead';
  attempts: number;
  /** Attempts since the last manual replay */
  tries: number;
  nextAttemptAt: string;
  lastError: string | null;
  lastStatusCode: number | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  attemptLog?: Array<{
    attempt: number;
    startedAt: string;
    durationMs: number;
    outcome: 'delivered' | 'failed';
    statusCode: number | null;
    error: string | null;
  }>;
};

/** Request body of POST /api/plugins/{name}/indicator-data */
export type PostApiPluginsNameIndicatorDataBody = {
  period: string;
};

/** Fetch indicator values of a period from an indicator-data-source plugin (POST /api/plugins/{name}/indicator-data) */
export type PostApiPluginsNameIndicatorDataResponse = {
  plugin?: string;
  period?: string;
  data?: Array<{
    indicatorId?: string;
    unitId?: string;
    value?: number | string | boolean | null;
  }>;
};

/** Request body of POST /api/plugins/{name}/test-connection */
export type PostApiPluginsNameTestConnectionBody = {
  config?: Record<string, unknown>;
};

/** Ask the plugin to reach its outside system (stored config unless one is given) (POST /api/plugins/{name}/test-connection) */
export type PostApiPluginsNameTestConnectionResponse = {
  ok?: boolean;
  message?: string;
};

/** Re-read plugin.json and re-import the plugin code (no restart) (POST /api/plugins/{name}/upgrade) */
export type PostApiPluginsNameUpgradeResponse = PutApiPluginsNameEnabledResponse;

/** Inbound webhook from an outside system (HMAC-SHA256 signed) (POST /api/plugins/{name}/webhook) */
export type PostApiPluginsNameWebhookResponse = {
  status?: 'accepted' | 'duplicate';
  deliveryId?: string;
  results?: Array<Record<string, unknown>>;
};

/** Request body of POST /api/public/cases */
export type PostApiPublicCasesBody = {
  category: string;
  text: string;
  data?: Record<string, unknown>;
  requester?: PostApiCasesBodyRequester;
  location?: PostApiCasesBodyLocation;
};

/** Request body of POST /api/public/cases/lookup */
export type PostApiPublicCasesLookupBody = {
  number: string;
  password: string;
};

/** PublicCase (docs/api-cases.md) */
export type PostApiPublicCasesLookupResponse = Record<string, unknown>;

/** Request body of POST /api/public/cases/rate */
export type PostApiPublicCasesRateBody = {
  number: string;
  password: string;
  satisfaction: 'satisfied' | 'basicallySatisfied' | 'unsatisfied';
  comment?: string;
};

/** PublicCase (docs/api-cases.md) */
export type PostApiPublicCasesRateResponse = Record<string, unknown>;

/** Citizen portal: submit a case (channel web) → case number and query password (POST /api/public/cases) */
export type PostApiPublicCasesResponse = {
  number: string;
  queryPassword: string;
  status: string;
  createdAt: string;
};

/** A rule set (schemas/rule-set.schema.json); a `version` block is ignored */
export type PostApiRuleSetsBody = {
  id: string;
};

/** Request body of POST /api/rule-sets/{id}/drafts */
export type PostApiRuleSetsIdDraftsBody = {
  basedOn: number;
};

/** New draft copied from a version of this rule set (POST /api/rule-sets/{id}/drafts) */
export type PostApiRuleSetsIdDraftsResponse = PostApiRuleSetsResponse;

/** Request body of POST /api/rule-sets/{id}/versions/{n}/approve */
export type PostApiRuleSetsIdVersionsNApproveBody = {
  /** The revision you loaded (alternative to If-Match) */
  revision?: number;
  comment?: string;
};

/** Approve a version in review (not your own: four-eyes rule) (POST /api/rule-sets/{id}/versions/{n}/approve) */
export type PostApiRuleSetsIdVersionsNApproveResponse = PostApiRuleSetsResponse;

/** Request body of POST /api/rule-sets/{id}/versions/{n}/archive */
export type PostApiRuleSetsIdVersionsNArchiveBody = PostApiRuleSetsIdVersionsNSubmitBody;

/** Archive a version (a published one stops being in force) (POST /api/rule-sets/{id}/versions/{n}/archive) */
export type PostApiRuleSetsIdVersionsNArchiveResponse = PostApiRuleSetsResponse;

/** Request body of POST /api/rule-sets/{id}/versions/{n}/next-period */
export type PostApiRuleSetsIdVersionsNNextPeriodBody = {
  /** Id of the new rule set */
  newId: string;
  name?: {
    zh: string;
    en: string;
  };
  period?: {
    from: string;
    to: string;
  };
};

/** Prepare the next period of the timeline: a new rule set whose version 1 is a draft copy of this version for the period that follows (POST /api/rule-sets/{id}/versions/{n}/next-period) */
export type PostApiRuleSetsIdVersionsNNextPeriodResponse = PostApiRuleSetsResponse;

/** Request body of POST /api/rule-sets/{id}/versions/{n}/publish */
export type PostApiRuleSetsIdVersionsNPublishBody = {
  /** The revision you loaded (alternative to If-Match) */
  revision?: number;
  effectiveFrom?: string;
  effectiveTo?: string;
  /** Replace overlapping versions of other rule sets on the same timeline */
  supersede?: boolean;
};

/** Publish an approved version; supersedes what is in force from its effectiveFrom (POST /api/rule-sets/{id}/versions/{n}/publish) */
export type PostApiRuleSetsIdVersionsNPublishResponse = PostApiRuleSetsResponse;

/** Request body of POST /api/rule-sets/{id}/versions/{n}/reject */
export type PostApiRuleSetsIdVersionsNRejectBody = {
  /** The revision you loaded (alternative to If-Match) */
  revision?: number;
  comment: string;
};

/** Send a version in review or approved back to draft with a comment (POST /api/rule-sets/{id}/versions/{n}/reject) */
export type PostApiRuleSetsIdVersionsNRejectResponse = PostApiRuleSetsResponse;

/** Request body of POST /api/rule-sets/{id}/versions/{n}/restore */
export type PostApiRuleSetsIdVersionsNRestoreBody = Record<string, unknown>;

/** Restore a version: copy it into a new draft (POST /api/rule-sets/{id}/versions/{n}/restore) */
export type PostApiRuleSetsIdVersionsNRestoreResponse = PostApiRuleSetsResponse;

/** Request body of POST /api/rule-sets/{id}/versions/{n}/route-test */
export type PostApiRuleSetsIdVersionsNRouteTestBody = {
  /** The sample case, as intake would know it */
  case: {
    category: string;
    channel?: string;
    requesterType?: string;
    streetId?: string;
    communityId?: string;
    gridId?: string;
    text?: string;
  };
  /** Day row validity is judged on (default today, moved into the version’s period) */
  asOf?: string;
};

/** Routing test-run: route one sample case through this version’s (e.g. a draft’s) routing tables (POST /api/rule-sets/{id}/versions/{n}/route-test) */
export type PostApiRuleSetsIdVersionsNRouteTestResponse = {
  ruleSetId: string;
  number: number;
  status: string;
  asOf: string;
  category: null | PostApiRuleSetsIdVersionsNWhatIfCasesResponseResultMoveCategory;
  decision: {
    /** No row decided: manual dispatch by the fallback unit */
    isFallback: boolean;
    leadUnit: PostApiRuleSetsIdVersionsNWhatIfCasesResponseResultMoveFromUnit;
    assistingUnits: PostApiRuleSetsIdVersionsNWhatIfCasesResponseResultMoveFromUnit[];
    priority: string;
    slaPolicy: {
      id: string;
      name: GetApiAuditVerifyResponseMessage;
    };
    routingTableId: string | null;
    rowId: string | null;
  };
  tables: Array<{
    routingTableId: string;
    name: GetApiAuditVerifyResponseMessage;
    matched: null | PostApiRuleSetsIdVersionsNRouteTestResponseTableMatched;
    nearMisses: PostApiRuleSetsIdVersionsNRouteTestResponseTableMatched[];
    explanation: GetApiAuditVerifyResponseMessage[];
  }>;
};

export type PostApiRuleSetsIdVersionsNRouteTestResponseTableMatched = {
  /** 0-based row index */
  index: number;
  rowId: string | null;
  annotation: string | null;
  /** Conditions the sample fails (0 for the matched row) */
  failedCount: number;
  conditions: Array<{
    inputId: string;
    /** Column label */
    input: string;
    /** The cell in words (names, keywords), not codes */
    condition: GetApiAuditVerifyResponseMessage;
    /** The sample’s value for the column, in words */
    value: GetApiAuditVerifyResponseMessage;
    /** null: not known (a near miss failing on several cells) */
    isMet: boolean | null;
  }>;
};

/** Request body of POST /api/rule-sets/{id}/versions/{n}/submit */
export type PostApiRuleSetsIdVersionsNSubmitBody = {
  /** The revision you loaded (alternative to If-Match) */
  revision?: number;
};

/** Submit a draft for review (refused while check reports errors) (POST /api/rule-sets/{id}/versions/{n}/submit) */
export type PostApiRuleSetsIdVersionsNSubmitResponse = PostApiRuleSetsResponse;

/** Request body of POST /api/rule-sets/{id}/versions/{n}/what-if/cases */
export type PostApiRuleSetsIdVersionsNWhatIfCasesBody = {
  /** Months back from now whose cases are replayed (default 3) */
  months?: number;
};

/** Case what-if: replay the last N months of cases through this version’s routing table and SLA policies (a job) (POST /api/rule-sets/{id}/versions/{n}/what-if/cases) */
export type PostApiRuleSetsIdVersionsNWhatIfCasesResponse = {
  /** Job id; poll `GET /api/jobs/{id}` */
  id: string;
  kind: 'caseWhatIf';
  status: 'running' | 'done' | 'failed';
  /** Username of the starter */
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  /** Work units done of total (0 total: not known yet), and the current stage */
  progress: PostApiPerformanceWhatIfJobsResponseProgress;
  result: null | {
    ruleSetId: string;
    number: number;
    /** Status of the version tried */
    status: string;
    /** Cases received from `from` up to and including `to` (UTC) */
    window: {
      months: number;
      from: string;
      to: string;
    };
    /** How deadlines are compared */
    basis: GetApiAuditVerifyResponseMessage;
    totals: {
      /** Cases replayed */
      cases: number;
      /** Cases the version sends to another lead unit */
      moved: number;
      /** Cases decided by another routing row */
      differentRow?: number;
      /** Cases routed as of a day mapped into the version’s period */
      dayMapped?: number;
      priorityChanged?: number;
      slaPolicyChanged?: number;
      /** Cases that went to manual dispatch */
      fallbackBefore?: number;
      /** Cases that would go to manual dispatch */
      fallbackAfter?: number;
    };
    /** Cases received outside the version’s period, routed as of the same month and day in it (null: none) */
    periodMapping: {
      draftPeriod?: {
        from?: string;
        to?: string;
      };
      mappedCases?: number;
      text?: GetApiAuditVerifyResponseMessage;
    } | null;
    /** Moved cases by from unit → to unit, category and old row → new row; most first */
    moves: Array<{
      fromUnit: PostApiRuleSetsIdVersionsNWhatIfCasesResponseResultMoveFromUnit;
      toUnit: PostApiRuleSetsIdVersionsNWhatIfCasesResponseResultMoveFromUnit;
      category: PostApiRuleSetsIdVersionsNWhatIfCasesResponseResultMoveCategory;
      fromRowId: string | null;
      toRowId: string | null;
      count: number;
    }>;
    /** Routing rows that made the difference: old row → new row, with their notes */
    rowChanges: Array<{
      fromTableId?: string | null;
      fromRowId: string | null;
      fromRowNote?: string | null;
      toTableId?: string | null;
      toRowId: string | null;
      toRowNote?: string | null;
      count: number;
      moved: number;
    }>;
    deadlines: {
      timer: 'handle';
      earlier: number;
      later: number;
      same: number;
      notComputed: number;
      meanShiftWorkingHours?: number;
      maxShiftWorkingHours?: number;
      meanShiftHours?: number;
      maxShiftHours?: number;
    };
    /** Cases moved or with a moved deadline (the first 500) */
    changedCases: Array<{
      caseId: string;
      number: string;
      category: PostApiRuleSetsIdVersionsNWhatIfCasesResponseResultMoveCategory;
      receivedAt?: string;
      fromUnit: PostApiRuleSetsIdVersionsNWhatIfCasesResponseResultMoveFromUnit;
      toUnit: PostApiRuleSetsIdVersionsNWhatIfCasesResponseResultMoveFromUnit;
      fromRowId?: string | null;
      toRowId?: string | null;
      isMoved: boolean;
      deadline: {
        basis?: 'timer' | 'receipt';
        old?: string;
        new?: string;
        shiftWorkingHours?: number;
        shiftHours?: number;
        direction?: 'earlier' | 'later' | 'same';
      } | null;
    }>;
    isChangedTruncated: boolean;
    failures: {
      count: number;
      items: unknown[];
    };
  };
  /** Why it failed, once `status` is `failed` */
  error: PostApiPerformanceWhatIfJobsResponseError;
};

export type PostApiRuleSetsIdVersionsNWhatIfCasesResponseResultMoveCategory = {
  code: string;
  name: GetApiAuditVerifyResponseMessage;
};

export type PostApiRuleSetsIdVersionsNWhatIfCasesResponseResultMoveFromUnit = {
  id: string;
  name: GetApiAuditVerifyResponseMessage;
};

/** Create a rule set; its content becomes version 1, a draft (POST /api/rule-sets) */
export type PostApiRuleSetsResponse = GetApiRuleSetsIdResponseVersion & {
  /** The rule set JSON (schemas/rule-set.schema.json) without `version` */
  content: Record<string, unknown>;
  issues: PostApiRuleSetsResponseIssue[];
  /** Publish only: versions trimmed or archived by this publication */
  superseded?: Array<{
    ruleSetId?: string;
    number?: number;
    action?: 'trimmed' | 'archived';
    effectiveTo?: string | null;
  }>;
};

export type PostApiRuleSetsResponseIssue = {
  /** JSON pointer into the rule set */
  path: string;
  code: string;
  message: string;
  messageZh?: string;
  severity?: 'error' | 'warning';
};

/** A rule set */
export type PostApiRuleSetsValidateBody = Record<string, unknown>;

/** Validate and check a rule set without saving it (the studio’s inline issues) (POST /api/rule-sets/validate) */
export type PostApiRuleSetsValidateResponse = {
  ok: boolean;
  issues: PostApiRuleSetsResponseIssue[];
};

/** Request body of POST /api/users */
export type PostApiUsersBody = {
  username: string;
  displayName?: string;
  roles: Array<'admin' | 'dispatcher' | 'supervisor' | 'unit' | 'reviewer' | 'auditor' | 'plugin'>;
  unitId?: string | null;
};

/** Disable a user and end their sessions (POST /api/users/{id}/disable) */
export type PostApiUsersIdDisableResponse = {
  id: string;
  username: string;
  displayName: string;
  roles: Array<'admin' | 'dispatcher' | 'supervisor' | 'unit' | 'reviewer' | 'auditor' | 'plugin'>;
  /** The unit of a unit user */
  unitId: string | null;
  /** A disabled user cannot sign in */
  disabled: boolean;
  createdAt: string;
};

/** Enable a disabled user (POST /api/users/{id}/enable) */
export type PostApiUsersIdEnableResponse = PostApiUsersIdDisableResponse;

/** Reset a password: returns a generated one-time password and ends the user’s sessions (POST /api/users/{id}/reset-password) */
export type PostApiUsersIdResetPasswordResponse = PostApiUsersResponse;

/** Create a user; returns a generated one-time password, shown once (POST /api/users) */
export type PostApiUsersResponse = {
  user: PostApiUsersIdDisableResponse;
  /** Generated one-time password; only its hash is stored */
  password: string;
};

/** Open311 create a service request (JSON): api_key allowed to take in cases; form-encoded, multipart or JSON body; attribute[code] and attribute[code][] converted to the form's types (POST /open311/v2/requests.json) */
export type PostOpen311V2RequestsJsonResponse = Array<{
  service_request_id: string;
  service_notice?: string;
  account_id?: string | null;
}>;

/** Request body of PUT /api/plugins/{name}/config */
export type PutApiPluginsNameConfigBody = Record<string, unknown>;

/** Replace the config (validated against config.schema.json) (PUT /api/plugins/{name}/config) */
export type PutApiPluginsNameConfigResponse = GetApiPluginsNameConfigResponse;

/** Request body of PUT /api/plugins/{name}/credentials */
export type PutApiPluginsNameCredentialsBody = Record<string, unknown>;

/** Replace the credentials (write-only; encrypted at rest; never returned) (PUT /api/plugins/{name}/credentials) */
export type PutApiPluginsNameCredentialsResponse = {
  credentials: 'set' | 'not set';
  credentialFields: Record<string, 'set' | 'not set'>;
};

/** Request body of PUT /api/plugins/{name}/enabled */
export type PutApiPluginsNameEnabledBody = {
  isEnabled: boolean;
  /** Every personal field the manifest declares in `personalData`, granted explicitly */
  grantPersonalData?: string[];
};

/** Enable or disable a plugin (no restart); enabling grants the personal fields it declares only when listed in grantPersonalData (PUT /api/plugins/{name}/enabled) */
export type PutApiPluginsNameEnabledResponse = {
  name: string;
  version?: string | null;
  title?: PutApiPluginsNameEnabledResponseTitle;
  description?: PutApiPluginsNameEnabledResponseTitle;
  capabilities?: string[];
  events?: string[];
  /** Personal fields of the citizen the manifest declares it needs (e.g. requesterPhone) */
  personalData?: string[];
  /** Personal fields the administrator granted on enabling; only these reach the plugin */
  grantedPersonalData?: string[];
  isEnabled: boolean;
  isLoaded: boolean;
  loadError?: string | null;
  hooks?: string[];
  credentials: 'set' | 'not set';
};

export type PutApiPluginsNameEnabledResponseTitle = {
  en?: string;
  zh?: string;
} | null;

/** Request body of PUT /api/rule-sets/{id}/versions/{n}/content */
export type PutApiRuleSetsIdVersionsNContentBody = {
  /** The revision you loaded (alternative to If-Match) */
  revision?: number;
  content: Record<string, unknown>;
};

/** Replace the content of a draft (If-Match or revision required); drafts may be saved with issues (PUT /api/rule-sets/{id}/versions/{n}/content) */
export type PutApiRuleSetsIdVersionsNContentResponse = PostApiRuleSetsResponse;

/** Request body of PUT /api/rule-sets/{id}/versions/{n}/documents/{kind}/{docId} */
export type PutApiRuleSetsIdVersionsNDocumentsKindDocIdBody = {
  /** The revision you loaded (alternative to If-Match) */
  revision?: number;
  document: Record<string, unknown>;
};

/** Add or replace one document of a draft (a different body id renames it) (PUT /api/rule-sets/{id}/versions/{n}/documents/{kind}/{docId}) */
export type PutApiRuleSetsIdVersionsNDocumentsKindDocIdResponse = PostApiRuleSetsResponse;

export type RankingRow = {
  rank: number;
  unitId: string;
  name: LocalizedText;
  total: number;
  gradeId: string | null;
  vetoed: boolean;
};
