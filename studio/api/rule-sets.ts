/** @module HTTP client of the rule-set and audit endpoints (docs/api-rule-sets.md), with the studio's view of their replies. */
import type { Bilingual } from './http.ts';
import type {
  GetApiAuditQuery,
  GetApiAuditResponse,
  GetApiRuleSetsIdResponse,
  GetApiRuleSetsIdVersionsNResponse,
} from './types.gen.ts';
import { ApiError, request } from './http.ts';

/** Lifecycle state of a version. */
export type VersionStatus = 'draft' | 'inReview' | 'approved' | 'published' | 'archived';

/** Text in both languages. */
export type LocalizedText = Bilingual;

/** A date range, inclusive. */
export interface Period {
  from: string;
  to: string;
}

/** What the API leaves untyped (`{en, zh}` and `{from, to}` read from the content), as the studio reads it. */
interface ContentFields {
  name?: LocalizedText | string;
  period?: Period | null;
}

/** One version of a rule set as listed (`VersionSummary` of the contract). */
export type VersionSummary = Omit<GetApiRuleSetsIdResponse['versions'][number], keyof ContentFields> &
  ContentFields;

/** A rule set with its versions (newest first) and the number of the version in force today. */
export type RuleSetSummary = Omit<GetApiRuleSetsIdResponse, keyof ContentFields | 'versions'> &
  ContentFields & { name: LocalizedText | string; versions: VersionSummary[] };

/** A document of a rule set: any JSON object with `kind` and `id`. */
export type RuleDocument = Record<string, unknown> & { kind: string; id: string };

/** The full rule-set JSON of a version. */
export interface RuleSetContent extends Record<string, unknown> {
  kind: 'ruleSet';
  id: string;
  name: LocalizedText | string;
  period: Period;
  documents: RuleDocument[];
}

/** A version with its content and the validate/check issues of that content. */
export type VersionDetail = Omit<GetApiRuleSetsIdVersionsNResponse, keyof ContentFields | 'content'> &
  ContentFields & { content: RuleSetContent };

/** A validation or check issue. `path` is a JSON pointer into the rule-set content (e.g. `/documents/7/weight`). */
export type Issue = GetApiRuleSetsIdVersionsNResponse['issues'][number];

/** One semantic change between two versions. */
export interface DiffEntry {
  kind: string;
  documentId: string;
  change: string;
  path?: string;
  before?: unknown;
  after?: unknown;
  summary: LocalizedText;
}

/** A diff reply: what was compared and the changes. */
export interface DiffReply {
  a: { ruleSetId: string; number: number };
  b: { ruleSetId: string; number: number };
  changes: DiffEntry[];
  text?: string;
}

/** One audit record. */
export type AuditRecord = GetApiAuditResponse['items'][number];

/** Filters and paging of the audit log. */
export type AuditQuery = GetApiAuditQuery & Required<Pick<GetApiAuditQuery, 'offset' | 'limit'>>;

/** Result of the chain check. */
export type ChainVerification =
  | { ok: true; count: number; lastSeq?: number; lastHash?: string }
  | { ok: false; count: number; firstBrokenSeq: number; reason: string };

const enc = encodeURIComponent;
const base = (id: string, n?: number): string =>
  n === undefined ? `/api/rule-sets/${enc(id)}` : `/api/rule-sets/${enc(id)}/versions/${n}`;

/** `"3"` or `W/"3"` → 3; the ETag of a version is its revision. */
const revisionFromEtag = (etag: string | null): number | undefined => {
  const match = etag?.match(/(\d+)"?$/);
  return match ? Number(match[1]) : undefined;
};

/** Reads a version reply, taking the revision from the ETag when the server sent one. */
const versionRequest = async (
  method: string,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<VersionDetail> => {
  let etag: number | undefined;
  const reply = await request<VersionDetail>(method, url, body, {
    headers,
    onHeaders: (h) => {
      etag = revisionFromEtag(h.get('ETag'));
    },
  });
  return { ...reply, revision: etag ?? reply.revision, issues: reply.issues ?? [] };
};

const ifMatch = (revision: number): Record<string, string> => ({ 'If-Match': `"${revision}"` });

/** The rule-set endpoints the studio uses. */
export const ruleSetApi = {
  list: async (): Promise<RuleSetSummary[]> =>
    (await request<{ items: RuleSetSummary[] }>('GET', '/api/rule-sets')).items ?? [],

  /** One rule set with its versions and the number of the version in force. */
  get: (id: string): Promise<RuleSetSummary> => request('GET', base(id)),

  version: (id: string, n: number): Promise<VersionDetail> => versionRequest('GET', base(id, n)),

  /** Next period of the timeline: a new rule set whose version 1 is a draft copy of `id@n`. */
  prepareNextPeriod: (
    id: string,
    n: number,
    body: { newId: string; name: LocalizedText },
  ): Promise<VersionDetail> => versionRequest('POST', `${base(id, n)}/next-period`, body),

  /** New draft copied from the version `basedOn` (normally the published one). */
  createDraft: (id: string, basedOn: number): Promise<VersionDetail> =>
    versionRequest('POST', `${base(id)}/drafts`, { basedOn }),

  /** Copies any version (typically an old one) into a new draft. */
  restore: (id: string, n: number): Promise<VersionDetail> =>
    versionRequest('POST', `${base(id, n)}/restore`, {}),

  /** Adds or replaces a document; 409 `ruleset.revision_conflict` when `revision` is stale. */
  putDocument: (input: {
    id: string;
    n: number;
    revision: number;
    document: RuleDocument;
  }): Promise<VersionDetail> =>
    versionRequest(
      'PUT',
      `${base(input.id, input.n)}/documents/${enc(input.document.kind)}/${enc(input.document.id)}`,
      { document: input.document, revision: input.revision },
      ifMatch(input.revision),
    ),

  deleteDocument: (input: {
    id: string;
    n: number;
    revision: number;
    kind: string;
    documentId: string;
  }): Promise<VersionDetail> =>
    versionRequest(
      'DELETE',
      `${base(input.id, input.n)}/documents/${enc(input.kind)}/${enc(input.documentId)}`,
      undefined,
      ifMatch(input.revision),
    ),

  /** Validates and checks a whole rule-set JSON without saving it. */
  validate: async (content: unknown): Promise<Issue[]> =>
    (await request<{ ok: boolean; issues?: Issue[] }>('POST', '/api/rule-sets/validate', content)).issues ??
    [],

  /** Semantic diff from version `a` to version `b`. */
  diff: (a: { id: string; n: number }, b: { id: string; n: number }): Promise<DiffReply> =>
    request('GET', `/api/rule-sets/diff?a=${enc(`${a.id}@${a.n}`)}&b=${enc(`${b.id}@${b.n}`)}`),

  submit: (id: string, n: number, revision: number) =>
    versionRequest('POST', `${base(id, n)}/submit`, { revision }),
  approve: (id: string, n: number, comment: string) =>
    versionRequest('POST', `${base(id, n)}/approve`, comment ? { comment } : {}),
  reject: (id: string, n: number, comment: string) =>
    versionRequest('POST', `${base(id, n)}/reject`, { comment }),
  publish: (id: string, n: number) => versionRequest('POST', `${base(id, n)}/publish`, {}),
  archive: (id: string, n: number) => versionRequest('POST', `${base(id, n)}/archive`, {}),
};

/** The audit endpoints. */
export const auditApi = {
  list: async (query: AuditQuery): Promise<{ items: AuditRecord[]; total: number }> => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const body = await request<{ items: AuditRecord[]; total: number }>('GET', `/api/audit?${params}`);
    return { items: body.items ?? [], total: body.total ?? body.items?.length ?? 0 };
  },
  verify: (): Promise<ChainVerification> => request('GET', '/api/audit/verify'),
};

/** Whether an error is the optimistic-concurrency conflict of a save (someone saved in between). */
export const isConflict = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 409 && error.code === 'ruleset.revision_conflict';
