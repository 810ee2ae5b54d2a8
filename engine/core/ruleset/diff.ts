/** @module Semantic diff between two versions of a rule set (each kind's diff from the registry), and its text rendering for the CLI. */
import { jsonEquals } from './canonical.ts';
import {
  calendarsOf,
  type ChangeType,
  type Doc,
  DocDiff,
  type DiffEntry,
  docsOf,
  type Json,
} from './kinds/doc-diff.ts';
import type { DiffContext } from './kinds/kind.ts';
import { DOCUMENT_KIND_REGISTRY, documentKind } from './kinds/registry.ts';

export type { ChangeType, DiffEntry } from './kinds/doc-diff.ts';

/** Position of a kind in the diff: the rule-set header first, then the registry's order, unknown kinds last. */
const rank = (kind: string): number =>
  kind === 'ruleSet' ? 0 : (documentKind(kind)?.order ?? DOCUMENT_KIND_REGISTRY.length + 1);
/**
 * Semantic diff from rule set `a` to `b`. Documents are matched by (kind, id). Indicators report
 * moves, weights, renames, rule and target changes; forms report fields by entry path; scoring rules
 * their rule; routing tables rows (matched by id, else by content); workflows states and transitions;
 * assessment policies grade bands, caps, the deadline day and the pipeline order; SLA policies the
 * accept/handle/reply limit of each priority; calendars (beside the documents) their coverage and the
 * days added, removed or swapped, by date; everything else a generic deep diff with JSON-pointer paths. Version metadata is ignored.
 * Order is deterministic: by kind, then document id, then the order above.
 */
export function diffRuleSets(a: unknown, b: unknown): DiffEntry[] {
  const groups: DocDiff[] = [];
  const top = (x: unknown) => {
    const { documents: _d, version: _v, calendars: _c, ...rest } = (x ?? {}) as Json;
    return rest;
  };
  const meta = new DocDiff('ruleSet', String((b as Json | null)?.id ?? (a as Json | null)?.id ?? ''));
  meta.deep(top(a), top(b), '');
  groups.push(meta);

  const index = (docs: Doc[]) => new Map(docs.map((d) => [`${d.kind}\u0000${d.id}`, d] as const));
  const context: DiffContext = { before: a, after: b, memo: new Map() };
  // Calendars sit beside the documents; they are diffed as documents of kind `calendar`.
  const withCalendars = (x: unknown): Doc[] => [...docsOf(x), ...calendarsOf(x)];
  const ia = index(withCalendars(a));
  const ib = index(withCalendars(b));
  for (const key of new Set([...ia.keys(), ...ib.keys()])) {
    const x = ia.get(key);
    const y = ib.get(key);
    const doc = (y ?? x)!;
    const d = new DocDiff(doc.kind, doc.id);
    if (!x)
      d.add('added', { en: `${doc.kind} ${doc.id} added`, zh: `新增 ${doc.kind} ${doc.id}` }, { after: y });
    else if (!y)
      d.add(
        'removed',
        { en: `${doc.kind} ${doc.id} removed`, zh: `删除 ${doc.kind} ${doc.id}` },
        { before: x },
      );
    else if (!jsonEquals(x, y)) {
      const specific = documentKind(doc.kind)?.diff;
      if (specific) specific(d, x, y, context);
      else d.deep(x, y, '');
    }
    groups.push(d);
  }
  groups.sort(
    (p, q) =>
      rank(p.kind) - rank(q.kind) || (p.documentId < q.documentId ? -1 : p.documentId > q.documentId ? 1 : 0),
  );
  return groups.flatMap((g) => g.entries);
}

const MARK: Partial<Record<ChangeType, string>> = {
  added: '+',
  fieldAdded: '+',
  rowAdded: '+',
  stateAdded: '+',
  transitionAdded: '+',
  gradeAdded: '+',
  limitAdded: '+',
  dayAdded: '+',
  removed: '-',
  fieldRemoved: '-',
  rowRemoved: '-',
  stateRemoved: '-',
  transitionRemoved: '-',
  gradeRemoved: '-',
  limitRemoved: '-',
  dayRemoved: '-',
};

/** Renders a diff as text, one line per change under a header per document. */
export function renderDiffText(diff: readonly DiffEntry[], lang: 'en' | 'zh' = 'en'): string {
  if (diff.length === 0) return lang === 'zh' ? '无变更\n' : 'No changes\n';
  const lines: string[] = [];
  let current = '';
  for (const e of diff) {
    const header = `${e.kind} ${e.documentId}`;
    if (header !== current) {
      lines.push(header);
      current = header;
    }
    lines.push(`  ${MARK[e.change] ?? '~'} ${e.summary[lang]}`);
  }
  const count =
    lang === 'zh' ? `共 ${diff.length} 项变更` : `${diff.length} change${diff.length === 1 ? '' : 's'}`;
  return `${lines.join('\n')}\n${count}\n`;
}
