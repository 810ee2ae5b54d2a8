/** @module Pure helpers of the rule-set pages: sub-routes, short hashes, diff grouping and colours. */
import type { DiffEntry } from '../../api/rule-sets.ts';

/** Route of the list page. */
export const listPath = '/rule-sets';
/** Route of a version's document editor (read-only unless it is a draft and the user an admin). */
export const editorPath = (id: string, n: number): string => `/rule-sets/${encodeURIComponent(id)}/${n}`;
/** Route of a version's review screen (semantic diff against the version in force). */
export const reviewPath = (id: string, n: number): string =>
  `/rule-sets/${encodeURIComponent(id)}/${n}/review`;

/** Parses `/rule-sets/<id>/<n>[/review]`; undefined for the list itself. */
export const parseRuleSetPath = (
  path: string,
): { id: string; n: number; view: 'editor' | 'review' } | undefined => {
  const match = path.match(/^\/rule-sets\/([^/]+)\/(\d+)(\/review)?\/?$/);
  if (!match) return undefined;
  return { id: decodeURIComponent(match[1]!), n: Number(match[2]), view: match[3] ? 'review' : 'editor' };
};

/** First 8 hex digits of a hash, or a dash. */
export const shortHash = (hash: string | null | undefined): string => (hash ? hash.slice(0, 8) : '—');

/** Colour family of a change type. */
export const changeTone = (change: string): 'added' | 'removed' | 'changed' => {
  if (change === 'added' || change.endsWith('Added')) return 'added';
  if (change === 'removed' || change.endsWith('Removed')) return 'removed';
  return 'changed';
};

/** Groups diff entries by document, in the order the diff lists them. */
export const groupByDocument = (
  changes: DiffEntry[],
): { key: string; kind: string; documentId: string; entries: DiffEntry[] }[] => {
  const groups = new Map<string, { key: string; kind: string; documentId: string; entries: DiffEntry[] }>();
  for (const entry of changes) {
    const key = `${entry.kind}/${entry.documentId}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, kind: entry.kind, documentId: entry.documentId, entries: [] };
      groups.set(key, group);
    }
    group.entries.push(entry);
  }
  return [...groups.values()];
};
