/** @module Audit log operations: the reusable `appendAudit` for any transaction (keyed records and a signed head checkpoint in the same transaction), records written on their own (refusals, what-if runs), listing with filters, verification against the checkpoints and an exported anchor, checkpoint export. */
import { ConflictError, type LocalizedText, ValidationError } from '../core/errors.ts';
import {
  type AuditCheckpoint,
  type AuditKey,
  type AuditRecord,
  appendAuditRecord,
  type ChainBreak,
  checkCheckpoint,
  GENESIS_HASH,
  signCheckpoint,
  verifyChain,
} from '../core/ruleset/audit-chain.ts';
import type { AuditQuery, AuditRepository } from '../ports/rule-set-store.ts';
import type { Repositories, Store } from '../ports/store.ts';
import type { AppDeps } from './context.ts';
import type { Actor } from './permissions.ts';

/** What an operation records; `seq`, `at` and the chain links are filled in. */
export interface AuditEntry {
  /** Username of the actor, or `system`. */
  actor: string;
  /** Dotted verb, e.g. `ruleSet.publish`. */
  action: string;
  /** What was acted on, e.g. `ruleSet:district-2026@3`. */
  target: string;
  beforeHash?: string | null;
  afterHash?: string | null;
  details?: unknown;
}

/** The audit name of an actor. */
export const auditActor = (actor: Pick<Actor, 'username'>): string => actor.username;

/**
 * Appends one record to the hash chain using the transaction's repositories, so the record commits
 * or rolls back with the change it describes. Call it inside `store.transaction`; writes are
 * serialised, so reading the last record and appending cannot interleave with another writer.
 */
export async function appendAudit(
  tx: Pick<Repositories, 'audit'>,
  input: { at: string; entry: AuditEntry },
): Promise<AuditRecord> {
  const previous = await tx.audit.last();
  const { key } = tx.audit;
  const record = appendAuditRecord(
    previous,
    {
      at: input.at,
      actor: input.entry.actor,
      action: input.entry.action,
      target: input.entry.target,
      beforeHash: input.entry.beforeHash ?? null,
      afterHash: input.entry.afterHash ?? null,
      details: input.entry.details ?? null,
    },
    key,
  );
  await tx.audit.append(record);
  // The signed head moves with every record, in the same transaction: removing the newest records
  // leaves a checkpoint above the chain's end, and no record commits without its checkpoint.
  if (key && tx.audit.appendCheckpoint)
    await tx.audit.appendCheckpoint(
      signCheckpoint(key, { count: record.seq, lastHash: record.hash, at: input.at }),
    );
  return record;
}

/**
 * The store with its audit repositories keyed: records appended through it (in transactions or not)
 * are HMAC'd under `key` and get a signed checkpoint. Every other member is the store's own. The key
 * stays in memory: it is neither stored nor part of any record or export (only its public id is).
 */
export function withAuditKey<S extends Store>(store: S, key: AuditKey): S {
  const keyed = (audit: AuditRepository): AuditRepository => ({ ...audit, key });
  const audit = keyed(store.audit);
  const transaction: Store['transaction'] = (fn) =>
    store.transaction((tx) => fn({ ...tx, audit: keyed(tx.audit) }));
  return new Proxy(store, {
    get(target, property) {
      if (property === 'audit') return audit;
      if (property === 'transaction') return transaction;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Audit action of a what-if run (scores or cases) of a draft over history. */
export const WHAT_IF_AUDIT_ACTION = 'ruleSet.whatIf';
/** Audit action of an approval refused by the four-eyes rule. */
export const APPROVE_REFUSED_AUDIT_ACTION = 'ruleSet.approveRefused';

/**
 * Appends one audit record in its own write transaction. For events that change no data, or whose
 * own transaction rolled back (a refused approval), so the record must not depend on it.
 */
export async function appendAuditAlone(
  deps: Pick<AppDeps, 'store' | 'clock'>,
  entry: AuditEntry,
): Promise<AuditRecord> {
  const at = deps.clock.now().toISOString();
  return deps.store.transaction((tx) => appendAudit(tx, { at, entry }));
}

/**
 * Records that someone ran a what-if (score or case replay) of a rule-set version: who, on which
 * version (`target`, e.g. `ruleSet:district-2027@2`) and with what parameters and headline result
 * (`details`, e.g. `{kind: 'score', periods, maxAbsDelta}`). Call it after the run succeeded.
 */
export function auditWhatIfRun(
  deps: Pick<AppDeps, 'store' | 'clock'>,
  input: { actor: Pick<Actor, 'username'> | string; target: string; details?: unknown },
): Promise<AuditRecord> {
  return appendAuditAlone(deps, {
    actor: typeof input.actor === 'string' ? input.actor : auditActor(input.actor),
    action: WHAT_IF_AUDIT_ACTION,
    target: input.target,
    details: input.details ?? null,
  });
}

/** Filters and paging of {@link listAudit}. */
export interface ListAuditInput {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
  order?: 'asc' | 'desc';
}

/** Audit records matching the filters, newest first by default (limit 50, at most 500). */
export async function listAudit(
  deps: AppDeps,
  input: ListAuditInput = {},
): Promise<{ items: AuditRecord[]; total: number }> {
  const query: AuditQuery = {
    limit: Math.min(Math.max(input.limit ?? 50, 1), 500),
    offset: Math.max(input.offset ?? 0, 0),
    order: input.order ?? 'desc',
  };
  for (const key of ['actor', 'action', 'target', 'from', 'to'] as const) {
    const value = input[key];
    if (value !== undefined && value !== '') query[key] = value;
  }
  return deps.store.audit.list(query);
}

/**
 * Why the audit log does not verify: a break of the chain itself ({@link ChainBreak}), of its stored
 * checkpoints, or of an exported checkpoint kept outside the database (the anchor).
 */
export type AuditBreak =
  | ChainBreak
  /** Keyed records exist, but no signed checkpoint covers the newest of them (checkpoints were deleted). */
  | 'checkpoint_missing'
  /** A stored checkpoint's MAC does not verify under the audit key. */
  | 'checkpoint_invalid'
  /** The record a checkpoint pins has another hash: the chain was re-hashed from there or earlier. */
  | 'checkpoint_mismatch'
  /** The newest checkpoint counts more records than the chain has: the newest records were removed. */
  | 'truncated'
  /** The record the exported checkpoint pins has another hash. */
  | 'anchor_mismatch'
  /** The chain is shorter than the exported checkpoint. */
  | 'anchor_truncated';

/** Every {@link AuditBreak}, for the API's schema. */
export const AUDIT_BREAKS: readonly AuditBreak[] = [
  'malformed',
  'seq_gap',
  'prev_hash_mismatch',
  'hash_mismatch',
  'scheme_downgrade',
  'key_mismatch',
  'key_unavailable',
  'checkpoint_missing',
  'checkpoint_invalid',
  'checkpoint_mismatch',
  'truncated',
  'anchor_mismatch',
  'anchor_truncated',
];

/** Result of {@link verifyAudit}; `message` is in zh-CN and en. */
export type AuditVerification =
  | {
      ok: true;
      count: number;
      lastSeq: number;
      lastHash: string | null;
      /** Whether the chain has keyed (HMAC) records. */
      keyed: boolean;
      /** The newest stored checkpoint the chain was checked against, or null (none, or a database not migrated yet). */
      checkpoint: { count: number; at: string } | null;
      /** The exported checkpoint the chain was checked against, when one was given. */
      anchor: { count: number; at: string } | null;
      message: LocalizedText;
    }
  | { ok: false; count: number; firstBrokenSeq: number; reason: AuditBreak; message: LocalizedText };

/** The bilingual sentence of a break at record `n`. */
export function auditBreakText(reason: AuditBreak, n: number, expected?: number): LocalizedText {
  switch (reason) {
    case 'malformed':
      return { zh: `第 ${n} 条审计记录格式错误`, en: `Audit record ${n} is malformed` };
    case 'seq_gap':
      return {
        zh: `第 ${n} 条审计记录缺失（序号不连续）`,
        en: `Audit record ${n} is missing (the sequence has a gap)`,
      };
    case 'prev_hash_mismatch':
      return {
        zh: `第 ${n} 条审计记录与上一条的链接不符`,
        en: `Audit record ${n} does not link to the previous record`,
      };
    case 'hash_mismatch':
      return {
        zh: `第 ${n} 条审计记录的哈希不符（内容被改动，或用其他密钥重算）`,
        en: `Audit record ${n}'s hash does not match (its content was changed, or it was re-hashed under another key)`,
      };
    case 'scheme_downgrade':
      return {
        zh: `第 ${n} 条审计记录在带密钥的记录之后却只有普通 SHA-256 哈希（链从此处被无密钥重算）`,
        en: `Audit record ${n} is plain SHA-256 after keyed records (the chain was re-hashed without the key from here)`,
      };
    case 'key_mismatch':
      return {
        zh: `第 ${n} 条所用的密钥不是本服务器的审计密钥`,
        en: `Record ${n} names a key other than this server's audit key`,
      };
    case 'key_unavailable':
      return {
        zh: `第 ${n} 条带密钥签名，但未配置审计密钥（BATON_SECRET_KEY 或数据库旁的 secret.key），无法校验`,
        en: `Record ${n} is keyed, but no audit key is configured (BATON_SECRET_KEY or secret.key beside the database) to check it`,
      };
    case 'checkpoint_missing':
      return {
        zh: `第 ${n} 条起的带密钥审计记录没有签名检查点（检查点被删除）`,
        en: `No signed checkpoint covers the keyed audit records from ${n} (checkpoints were deleted)`,
      };
    case 'checkpoint_invalid':
      return {
        zh: `第 ${n} 条的签名检查点无效（签名不符）`,
        en: `The signed checkpoint of record ${n} is invalid (its MAC does not verify)`,
      };
    case 'checkpoint_mismatch':
      return {
        zh: `第 ${n} 条审计记录的哈希与签名检查点不符（链被重算）`,
        en: `Audit record ${n}'s hash differs from its signed checkpoint (the chain was re-hashed)`,
      };
    case 'truncated':
      return {
        zh: `审计日志被截断：签名检查点记录了 ${expected} 条，第 ${n} 条起缺失`,
        en: `The audit log was truncated: the signed checkpoint counts ${expected} records; records from ${n} are missing`,
      };
    case 'anchor_mismatch':
      return {
        zh: `第 ${n} 条审计记录的哈希与导出的检查点不符`,
        en: `Audit record ${n}'s hash differs from the exported checkpoint`,
      };
    case 'anchor_truncated':
      return {
        zh: `审计日志短于导出的检查点（${expected} 条），第 ${n} 条起缺失`,
        en: `The audit log is shorter than the exported checkpoint (${expected} records); records from ${n} are missing`,
      };
  }
}

const ANCHOR_PROBLEMS: Record<Exclude<ReturnType<typeof checkCheckpoint>, null>, LocalizedText> = {
  malformed: {
    zh: '导出的检查点格式错误（应为 baton audit checkpoint export 的输出）',
    en: 'The exported checkpoint is malformed (expected the output of baton audit checkpoint export)',
  },
  key_unavailable: {
    zh: '未配置审计密钥，无法校验导出的检查点',
    en: 'No audit key is configured to check the exported checkpoint',
  },
  key_mismatch: {
    zh: '导出的检查点不是本服务器的审计密钥签发的',
    en: "The exported checkpoint was not signed under this server's audit key",
  },
  bad_mac: {
    zh: '导出的检查点签名不符（被改动或伪造）',
    en: 'The exported checkpoint’s MAC does not verify (changed or forged)',
  },
};

/**
 * Walks the whole chain in pages under the store's audit key and names the first broken record. Each
 * stored checkpoint must verify and match the record it pins; the newest must not count more records
 * than the chain has; keyed records must be covered by a checkpoint. `anchor` (an exported checkpoint
 * kept outside the database) must verify and match too: it catches a rollback that also removed the
 * newest checkpoints. Throws `audit.checkpoint_invalid` (400) for an anchor that is not ours.
 */
export async function verifyAudit(
  deps: Pick<AppDeps, 'store'>,
  input: { pageSize?: number; anchor?: unknown } = {},
): Promise<AuditVerification> {
  const audit = deps.store.audit;
  const { key } = audit;
  const anchor = anchorOf(input.anchor, key);
  const pageSize = input.pageSize ?? 1000;
  // The head is read before the walk: records appended meanwhile only lengthen the chain, so a
  // checkpoint above what the walk finds means records were removed. undefined: a store that keeps
  // no checkpoints, or a database not migrated yet (then every record is plain).
  const headBefore = audit.lastCheckpoint ? await audit.lastCheckpoint() : undefined;
  const walk: ChainWalk = {
    lastChecked: null,
    last: undefined,
    count: 0,
    firstKeyedSeq: null,
    anchorHash: anchor?.count === 0 ? GENESIS_HASH : null,
  };
  const broken = (firstBrokenSeq: number, reason: AuditBreak, expected?: number): AuditVerification => ({
    ok: false,
    count: walk.count,
    firstBrokenSeq,
    reason,
    message: auditBreakText(reason, firstBrokenSeq, expected),
  });
  for (;;) {
    const afterSeq = walk.last?.seq ?? 0;
    const page = await audit.range(afterSeq, pageSize);
    if (page.length === 0) break;
    const found = await walkPage(audit, page, walk, key, anchor);
    if (found) return broken(found.seq, found.reason);
    if (page.length < pageSize) break;
  }
  const found = finalBreak(walk, headBefore, key, anchor);
  if (found) return broken(found.seq, found.reason, found.expected);
  return intact(walk, anchor);
}

/** The store's audit log. */
type AuditLog = AppDeps['store']['audit'];

/** What the walk over the chain has seen so far. */
interface ChainWalk {
  lastChecked: AuditCheckpoint | null;
  last: AuditRecord | undefined;
  count: number;
  firstKeyedSeq: number | null;
  anchorHash: string | null;
}

type Break = { seq: number; reason: AuditBreak; expected?: number };
const checkpointReason = (problem: NonNullable<ReturnType<typeof checkCheckpoint>>): AuditBreak =>
  problem === 'bad_mac' || problem === 'malformed' ? 'checkpoint_invalid' : problem;

/** The exported checkpoint the caller passed, verified; 400 `audit.checkpoint_invalid` when it is not ours. */
function anchorOf(raw: unknown, key: AuditLog['key']): AuditCheckpoint | undefined {
  if (raw === undefined) return undefined;
  const problem = checkCheckpoint(raw, key);
  if (problem)
    throw new ValidationError('audit.checkpoint_invalid', ANCHOR_PROBLEMS[problem], {
      path: '/checkpoint',
      details: { problem },
    });
  return raw as AuditCheckpoint;
}

/** Verifies one page of the chain and the checkpoints it pins; the first break, or null (the walk advanced). */
async function walkPage(
  audit: AuditLog,
  page: AuditRecord[],
  walk: ChainWalk,
  key: AuditLog['key'],
  anchor: AuditCheckpoint | undefined,
): Promise<Break | null> {
  const afterSeq = walk.last?.seq ?? 0;
  // A missing first record shows up as a gap: range() starts after the last verified seq.
  const chain = verifyChain(page, { ...(walk.last ? { from: walk.last } : {}), ...(key ? { key } : {}) });
  const upTo = chain.ok ? page.at(-1)!.seq : chain.firstBrokenSeq - 1;
  const bySeq = new Map(page.map((r) => [r.seq, r]));
  let checkpointBreak: Break | null = null;
  if (audit.checkpoints && upTo > afterSeq) {
    for (const checkpoint of await audit.checkpoints(afterSeq, upTo)) {
      const problem = checkCheckpoint(checkpoint, key);
      if (problem) {
        checkpointBreak = { seq: checkpoint.count, reason: checkpointReason(problem) };
        break;
      }
      if (bySeq.get(checkpoint.count)?.hash !== checkpoint.lastHash) {
        checkpointBreak = { seq: checkpoint.count, reason: 'checkpoint_mismatch' };
        break;
      }
      walk.lastChecked = checkpoint;
    }
  }
  walk.count += page.length;
  if (!chain.ok && (!checkpointBreak || chain.firstBrokenSeq <= checkpointBreak.seq))
    return { seq: chain.firstBrokenSeq, reason: chain.reason };
  if (checkpointBreak) return checkpointBreak;
  walk.firstKeyedSeq ??= page.find((r) => r.scheme === 'hmac-sha256')?.seq ?? null;
  if (anchor && bySeq.has(anchor.count)) walk.anchorHash = bySeq.get(anchor.count)!.hash;
  walk.last = page.at(-1)!;
  return null;
}

/** After the walk: the head read before it, keyed records without a checkpoint, and the anchor. */
function finalBreak(
  walk: ChainWalk,
  headBefore: AuditCheckpoint | null | undefined,
  key: AuditLog['key'],
  anchor: AuditCheckpoint | undefined,
): Break | null {
  const { count } = walk;
  if (headBefore) {
    const problem = checkCheckpoint(headBefore, key);
    if (problem) return { seq: headBefore.count, reason: checkpointReason(problem) };
    if (headBefore.count > count) return { seq: count + 1, reason: 'truncated', expected: headBefore.count };
  }
  // A keyed record commits with its checkpoint, so every keyed record the walk saw has one it could
  // read; keyed records past the last checkpoint found lost theirs.
  const checkedCount = walk.lastChecked?.count ?? 0;
  if (headBefore !== undefined && walk.firstKeyedSeq !== null && checkedCount < count)
    return { seq: Math.max(walk.firstKeyedSeq, checkedCount + 1), reason: 'checkpoint_missing' };
  if (anchor) {
    if (anchor.count > count) return { seq: count + 1, reason: 'anchor_truncated', expected: anchor.count };
    if (walk.anchorHash !== anchor.lastHash) return { seq: anchor.count, reason: 'anchor_mismatch' };
  }
  return null;
}

/** The answer for an intact chain, naming what it was checked against. */
function intact(walk: ChainWalk, anchor: AuditCheckpoint | undefined): AuditVerification {
  const { count, last } = walk;
  const latest = walk.lastChecked;
  const against = [
    ...(latest
      ? [{ zh: `签名检查点（${latest.count} 条）`, en: `the signed checkpoint (${latest.count} records)` }]
      : []),
    ...(anchor
      ? [
          {
            zh: `导出的检查点（${anchor.count} 条）`,
            en: `the exported checkpoint (${anchor.count} records)`,
          },
        ]
      : []),
  ];
  return {
    ok: true,
    count,
    lastSeq: last?.seq ?? 0,
    lastHash: last?.hash ?? null,
    keyed: walk.firstKeyedSeq !== null,
    checkpoint: latest ? { count: latest.count, at: latest.at } : null,
    anchor: anchor ? { count: anchor.count, at: anchor.at } : null,
    message: {
      zh: `审计链完整：${count} 条记录${against.length ? `，与${against.map((a) => a.zh).join('和')}一致` : ''}`,
      en: `Audit chain intact: ${count} records${against.length ? `, matching ${against.map((a) => a.en).join(' and ')}` : ''}`,
    },
  };
}

/**
 * A signed checkpoint of the current head, for auditors to keep outside the database and later pass to
 * verify. The chain is verified first, so a broken chain is never signed (409 `audit.chain_broken`);
 * the time is the clock's. Contains the key's public id and a MAC, never the key.
 */
export async function exportAuditCheckpoint(
  deps: Pick<AppDeps, 'store' | 'clock'>,
): Promise<AuditCheckpoint> {
  const { key } = deps.store.audit;
  if (!key)
    throw new ConflictError('audit.key_unavailable', {
      zh: '未配置审计密钥（BATON_SECRET_KEY 或数据库旁的 secret.key），无法签发检查点',
      en: 'No audit key is configured (BATON_SECRET_KEY or secret.key beside the database) to sign a checkpoint',
    });
  const result = await verifyAudit(deps);
  if (!result.ok)
    throw new ConflictError(
      'audit.chain_broken',
      {
        zh: `审计链不完整，不签发检查点：${result.message.zh}`,
        en: `The audit chain is broken, no checkpoint is signed: ${result.message.en}`,
      },
      { details: { firstBrokenSeq: result.firstBrokenSeq, reason: result.reason } },
    );
  return signCheckpoint(key, {
    count: result.count,
    lastHash: result.lastHash ?? GENESIS_HASH,
    at: deps.clock.now().toISOString(),
  });
}
