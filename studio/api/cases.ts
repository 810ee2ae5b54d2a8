/** @module HTTP client of the case endpoints (docs/api-cases.md): staff queues and actions, public portal routes. */
import type { Bilingual } from './http.ts';
import type { PostApiCasesBody } from './types.gen.ts';
import type { CaseSummary as StaffCaseSummary } from '../../engine/core/cases/summary.ts';
import type { DuplicateMatch } from '../../engine/core/routing/duplicates.ts';
import type { UnitCaseMetrics } from '../../engine/core/routing/metrics.ts';
import { request } from './http.ts';

/** SLA light of a case or timer. */
export type SlaLight = 'green' | 'yellow' | 'red' | 'overdue' | 'none';

/** A case as listed: the engine's summary, with its SLA light named. */
export type CaseSummary = Omit<StaffCaseSummary, 'slaLight'> & { slaLight: SlaLight };

/** One timer of a case with its SLA status. */
export interface CaseTimer {
  status: string;
  deadline?: string | null;
  /** The deadline was counted over days whose holidays are not known yet: it may move. */
  deadlineProvisional?: boolean;
  light?: SlaLight | string;
  elapsedFraction?: number;
  warningLevel?: number;
  isOverdue?: boolean;
  onTime?: boolean | null;
  run?: number;
  startedAt?: string;
}

/** The routing decision stored with a case. */
export interface CaseRouting {
  leadUnitId: string | null;
  assistingUnitIds: string[];
  priority: string;
  slaPolicyId: string;
  ruleSetVersion: number;
  routingTableId?: string;
  rowId?: string | null;
  isFallback: boolean;
  explanation?: Bilingual[];
  trace?: unknown[];
}

/** A recorded case event. */
export interface CaseEventRecord {
  seq: number;
  type: string;
  at: string;
  actor: { username: string; role: string; unitId: string | null } | null;
  payload: Record<string, unknown> & {
    action?: string;
    from?: string;
    to?: string;
    input?: Record<string, unknown>;
  };
}

/** Style of an action's button, as the workflow document declares it. */
export type ActionTone = 'primary' | 'neutral' | 'danger';

/** An action's input form: a JSON Schema of an object and an optional JSON Forms UI schema. */
export interface ActionInput {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown> | null;
}

/** How the workflow document declares an action: label, help, tone and input form. */
export interface ActionDeclaration {
  label: Bilingual;
  description: Bilingual | null;
  tone: ActionTone;
  /** Null when the action asks for nothing. */
  input: ActionInput | null;
}

/** An action the caller may take now, with its declaration from the case's own rule-set version. */
export interface CaseAction extends ActionDeclaration {
  action: string;
  to: string[];
  needsInput: boolean;
}

/** Colour of a state's badge. */
export type StateColour = 'grey' | 'blue' | 'teal' | 'green' | 'orange' | 'red' | 'purple';

/** The workflow in force (GET /api/cases/workflow): states, actions with the roles that take them, channels. */
export interface CaseWorkflow {
  ruleSetId: string;
  version: number;
  workflowId: string;
  name: Bilingual;
  initial: string;
  final: string[];
  states: {
    name: string;
    label: Bilingual;
    type: 'open' | 'paused' | 'closed';
    colour: StateColour | null;
    public: boolean;
  }[];
  actions: (ActionDeclaration & { name: string; roles: string[] })[];
  channels: { code: string; label: Bilingual; aliases: string[] }[];
}

/** An earlier case a new one is likely a repeat of (found at intake), best first. */
export type LikelyOriginal = DuplicateMatch;

/** A link to another case: this one merged into it, this one carrying a merged case, or related. */
export interface CaseLink {
  caseId: string;
  number?: string;
  relation: 'mergedInto' | 'carries' | 'related';
  at?: string;
}

/** A case with everything the consoles show. */
export interface CaseDetail extends CaseSummary {
  externalId: string | null;
  text: string;
  data: Record<string, unknown>;
  location: {
    address?: string;
    lat?: number;
    lng?: number;
    streetId?: string | null;
    communityId?: string | null;
    gridId?: string | null;
  } | null;
  requester: { name?: string; phone?: string; type?: string } | null;
  slaPolicyId: string;
  routing: CaseRouting | null;
  timers: Record<string, CaseTimer>;
  flags: Record<string, unknown>;
  history: CaseEventRecord[];
  availableActions: CaseAction[];
  /** Earlier cases this one is likely a repeat of (absent from servers before it was added). */
  likelyOriginals?: LikelyOriginal[];
  /** Links to other cases (absent from servers before it was added). */
  links?: CaseLink[];
}

/** A category the portal offers, with its intake form. */
export interface CaseCategory {
  code: string;
  name: Bilingual;
  group: Bilingual;
  defaultPriority: string;
  formId: string;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
}

/** What a citizen sees of a case. */
export interface PublicCase {
  number: string;
  category: string;
  categoryName: Bilingual | null;
  status: string;
  statusLabel: Bilingual | null;
  createdAt: string;
  updatedAt: string;
  leadUnitName: Bilingual | string | null;
  reply: string | null;
  canRate: boolean;
  rating: { satisfaction: string; comment?: string | null } | null;
  progress: { at: string; label: Bilingual }[];
  /** The handling deadline and whether it is met (absent from servers before it was added). */
  sla?: { deadline: string | null; light: SlaLight | string; isOnTime: boolean | null };
  /** When the case was merged into another (a repeat call): the number of the case that carries it. */
  mergedInto?: { number: string } | null;
}

/** Case metrics of one unit for a month (GET /api/case-metrics); rates are fractions, null when undefined. */
export type { UnitCaseMetrics };

/** Body of a staff intake. */
export type IntakeInput = PostApiCasesBody;

/** Query of the case list. */
export interface CaseQuery {
  queue?: 'dispatcher' | 'unit' | 'supervisor' | 'reviewer' | 'all';
  status?: string;
  category?: string;
  channel?: string;
  priority?: string;
  unitId?: string;
  q?: string;
  slaLight?: string;
  limit?: number;
  offset?: number;
}

const enc = encodeURIComponent;

/** The case endpoints the studio uses. */
export const casesApi = {
  categories: async (): Promise<CaseCategory[]> => {
    const body = await request<CaseCategory[] | { items: CaseCategory[] }>('GET', '/api/case-categories');
    return Array.isArray(body) ? body : (body?.items ?? []);
  },
  list: async (query: CaseQuery = {}): Promise<{ items: CaseSummary[]; total: number }> => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const body = await request<{ items: CaseSummary[]; total?: number }>('GET', `/api/cases?${params}`);
    return { items: body.items ?? [], total: body.total ?? body.items?.length ?? 0 };
  },
  /** Case metrics per unit for a month (`YYYY-MM`), optionally one unit. */
  metrics: (query: {
    month: string;
    unitId?: string;
  }): Promise<{ month: string; items: UnitCaseMetrics[] }> => {
    const params = new URLSearchParams({ month: query.month });
    if (query.unitId) params.set('unitId', query.unitId);
    return request('GET', `/api/case-metrics?${params}`);
  },
  get: (id: string): Promise<CaseDetail> => request('GET', `/api/cases/${enc(id)}`),
  /** The workflow in force on `at` (YYYY-MM-DD; default the server's today). */
  workflow: (at?: string): Promise<CaseWorkflow> =>
    request('GET', `/api/cases/workflow${at ? `?at=${enc(at)}` : ''}`),
  intake: (
    input: IntakeInput,
  ): Promise<{ case: CaseDetail; queryPassword: string | null; isDuplicate: boolean }> =>
    request('POST', '/api/cases', input),
  /** Applies a workflow action; resolves the case as it is afterwards. */
  act: async (input: { id: string; action: string; input?: Record<string, unknown> }): Promise<CaseDetail> =>
    (
      await request<{ case: CaseDetail }>(
        'POST',
        `/api/cases/${enc(input.id)}/actions/${enc(input.action)}`,
        {
          input: input.input ?? {},
        },
      )
    ).case,
};

/** The public (citizen) endpoints; no session needed. */
export const publicCasesApi = {
  submit: (input: {
    category: string;
    text: string;
    data?: Record<string, unknown>;
    requester?: { name?: string; phone?: string; type?: string };
    location?: { address?: string; streetId?: string };
  }): Promise<{ number: string; queryPassword: string; status: string; createdAt: string }> =>
    request('POST', '/api/public/cases', input),
  lookup: (input: { number: string; password: string }): Promise<PublicCase> =>
    request('POST', '/api/public/cases/lookup', input),
  rate: (input: {
    number: string;
    password: string;
    satisfaction: string;
    comment?: string;
  }): Promise<PublicCase> => request('POST', '/api/public/cases/rate', input),
};
