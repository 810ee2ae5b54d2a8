/** @module In-memory rule-set, audit and settings repositories, with the same guards as the SQL triggers. */
import type { AuditRecord } from '../../core/ruleset/audit-chain.ts';
import type {
  AuditQuery,
  AuditRepository,
  RuleSetRecord,
  RuleSetRepository,
  RuleSetVersionRecord,
  SettingsRepository,
} from '../../ports/rule-set-store.ts';

/** The part of the memory state these repositories own. */
export interface RuleSetState {
  ruleSets: Map<string, RuleSetRecord>;
  versions: Map<string, RuleSetVersionRecord>;
  audit: AuditRecord[];
  settings: Map<string, string>;
}

const copy = <T>(value: T): T => structuredClone(value);
const key = (ruleSetId: string, number: number) => `${ruleSetId}\u0000${number}`;

function matches(r: AuditRecord, q: AuditQuery): boolean {
  if (q.actor !== undefined && r.actor !== q.actor) return false;
  if (q.action !== undefined && r.action !== q.action) return false;
  if (q.target !== undefined && !r.target.startsWith(q.target)) return false;
  if (q.from !== undefined && r.at < q.from) return false;
  if (q.to !== undefined) {
    const to = /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? `${q.to}\uffff` : q.to;
    if (r.at > to) return false;
  }
  return true;
}

/**
 * Repositories over `state()`; `write` serialises (or, inside a transaction, just runs) a mutation.
 * Long: a factory: its methods are short and share the in-memory state, so they stay together in one closure.
 */
export function createMemoryRuleSetRepositories(
  state: () => RuleSetState,
  write: <T>(task: () => Promise<T>) => Promise<T>,
): { ruleSets: RuleSetRepository; audit: AuditRepository; settings: SettingsRepository } {
  const s = state;
  return {
    ruleSets: {
      insert: (ruleSet) =>
        write(async () => {
          if (s().ruleSets.has(ruleSet.id)) throw new Error(`duplicate rule set ${ruleSet.id}`);
          s().ruleSets.set(ruleSet.id, copy(ruleSet));
        }),
      get: async (id) => copy(s().ruleSets.get(id) ?? null),
      list: async () => [...s().ruleSets.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(copy),
      rename: (id, name) =>
        write(async () => {
          const found = s().ruleSets.get(id);
          if (found) found.name = copy(name);
        }),
      insertVersion: (version) =>
        write(async () => {
          if (!s().ruleSets.has(version.ruleSetId)) throw new Error(`unknown rule set ${version.ruleSetId}`);
          const k = key(version.ruleSetId, version.number);
          if (s().versions.has(k)) throw new Error(`duplicate version ${k}`);
          s().versions.set(k, copy(version));
        }),
      getVersion: async (ruleSetId, number) => copy(s().versions.get(key(ruleSetId, number)) ?? null),
      listVersions: async (ruleSetId) =>
        [...s().versions.values()]
          .filter((v) => v.ruleSetId === ruleSetId)
          .sort((a, b) => b.number - a.number)
          .map(copy),
      listPublished: async () =>
        [...s().versions.values()]
          .filter((v) => v.status === 'published')
          .sort((a, b) => String(a.effectiveFrom).localeCompare(String(b.effectiveFrom)))
          .map(copy),
      // Every change of a version once published bumps its revision; a newly published one adds a key.
      publishedStamp: async () =>
        [...s().versions.entries()]
          .filter(([, v]) => v.publishedAt !== null || v.status === 'published')
          .map(([k, v]) => `${k}:${v.revision}`)
          .join('|'),
      lastNumber: async (ruleSetId) =>
        Math.max(
          0,
          ...[...s().versions.values()].filter((v) => v.ruleSetId === ruleSetId).map((v) => v.number),
        ),
      replaceContent: (input) =>
        write(async () => {
          const v = s().versions.get(key(input.ruleSetId, input.number));
          if (!v || v.revision !== input.expectedRevision) return false;
          if (v.publishedAt !== null) throw new Error('published rule set content is immutable');
          v.content = copy(input.content);
          v.sha256 = input.sha256;
          v.revision += 1;
          return true;
        }),
      updateState: (input) =>
        write(async () => {
          const v = s().versions.get(key(input.ruleSetId, input.number));
          if (!v || v.revision !== input.expectedRevision) return false;
          if (v.publishedAt !== null && !['published', 'archived'].includes(input.state.status))
            throw new Error('a published rule set version cannot be unpublished');
          Object.assign(v, copy(input.state));
          v.revision += 1;
          return true;
        }),
    },
    audit: {
      last: async () => copy(s().audit.at(-1) ?? null),
      append: (record) =>
        write(async () => {
          if (s().audit.some((r) => r.seq === record.seq))
            throw new Error(`duplicate audit seq ${record.seq}`);
          s().audit.push(copy(record));
        }),
      list: async (query) => {
        const all = s().audit.filter((r) => matches(r, query));
        if (query.order === 'desc') all.reverse();
        return { items: all.slice(query.offset, query.offset + query.limit).map(copy), total: all.length };
      },
      range: async (afterSeq, limit) =>
        s()
          .audit.filter((r) => r.seq > afterSeq)
          .slice(0, limit)
          .map(copy),
    },
    settings: {
      get: async (k) => s().settings.get(k) ?? null,
      putIfAbsent: (k, value) =>
        write(async () => {
          if (!s().settings.has(k)) s().settings.set(k, value);
          return s().settings.get(k)!;
        }),
    },
  };
}
