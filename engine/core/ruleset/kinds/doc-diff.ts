/** @module The pieces every kind's semantic diff is written with: the change entry, the per-document collector with its generic deep diff, and text helpers. */
import type { LocalizedText } from '../../errors.ts';
import { canonicalJson, jsonEquals } from '../canonical.ts';

/** What changed. Document-specific changes first, `changed` is the generic deep diff. */
export type ChangeType =
  | 'added'
  | 'removed'
  | 'moved'
  | 'reweighted'
  | 'renamed'
  | 'ruleChanged'
  | 'targetChanged'
  | 'fieldAdded'
  | 'fieldRemoved'
  | 'fieldChanged'
  | 'rowAdded'
  | 'rowRemoved'
  | 'rowChanged'
  | 'stateAdded'
  | 'stateRemoved'
  | 'stateChanged'
  | 'transitionAdded'
  | 'transitionRemoved'
  | 'transitionChanged'
  | 'gradeAdded'
  | 'gradeRemoved'
  | 'gradeChanged'
  | 'capChanged'
  | 'deadlineChanged'
  | 'pipelineChanged'
  | 'limitAdded'
  | 'limitRemoved'
  | 'limitChanged'
  | 'dayAdded'
  | 'dayRemoved'
  | 'daySwapped'
  | 'dayRenamed'
  | 'coverageChanged'
  | 'changed';

/** One change. `path` is a JSON pointer inside the document (form fields: inside the entry data). */
export interface DiffEntry {
  kind: string;
  documentId: string;
  change: ChangeType;
  path?: string;
  before?: unknown;
  after?: unknown;
  summary: LocalizedText;
}

/** A JSON object. */
export type Json = Record<string, unknown>;
/** A document: a JSON object with `kind` and `id`. */
export type Doc = Json & { kind: string; id: string };

/** One JSON-pointer segment, escaped. */
export const seg = (s: string | number): string =>
  `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`;
/** A value as canonical JSON (`—` when absent). */
export const show = (v: unknown): string => {
  if (v === undefined) return '—';
  try {
    return canonicalJson(v);
  } catch {
    return String(v);
  }
};
/** A name's text in one language (a plain string is the same in both). */
export const textOf = (n: unknown, lang: keyof LocalizedText): string =>
  typeof n === 'string' ? n : ((n as Partial<LocalizedText> | undefined)?.[lang] ?? '');

/**
 * Summary of a changed name (or label). Each language shows its own text when that text changed;
 * when only the other language changed it shows that language's text, marked, so a rename of
 * the Chinese name alone never reads as `"X" → "X"` in English.
 */
export function renameText(what: LocalizedText, before: unknown, after: unknown): LocalizedText {
  const line = (lang: keyof LocalizedText): string => {
    const other: keyof LocalizedText = lang === 'en' ? 'zh' : 'en';
    const own = textOf(before, lang) !== textOf(after, lang);
    const shown = own || textOf(before, other) === textOf(after, other) ? lang : other;
    const [from, to] = [textOf(before, shown), textOf(after, shown)];
    if (lang === 'en') {
      const mark = shown === lang ? '' : ' (Chinese)';
      return `${what.en}${mark} "${from}" → "${to}"`;
    }
    const mark = shown === lang ? '' : '（英文）';
    return `${what.zh}${mark}“${from}” → “${to}”`;
  };
  return { en: line('en'), zh: line('zh') };
}

/** The changes of one document. */
export class DocDiff {
  readonly entries: DiffEntry[] = [];
  constructor(
    readonly kind: string,
    readonly documentId: string,
  ) {}
  add(
    change: ChangeType,
    summary: LocalizedText,
    extra: { path?: string; before?: unknown; after?: unknown } = {},
  ) {
    const entry: DiffEntry = { kind: this.kind, documentId: this.documentId, change, summary };
    if (extra.path !== undefined) entry.path = extra.path;
    if (extra.before !== undefined) entry.before = extra.before;
    if (extra.after !== undefined) entry.after = extra.after;
    // Keep `summary` last so serialised entries read naturally.
    const { summary: text, ...rest } = entry;
    this.entries.push({ ...rest, summary: text });
  }

  /** Generic deep diff of two JSON values at `path`; arrays of different length change as a whole. */
  deep(a: unknown, b: unknown, path: string): void {
    if (jsonEquals(a, b)) return;
    const bothObjects =
      typeof a === 'object' &&
      typeof b === 'object' &&
      a !== null &&
      b !== null &&
      Array.isArray(a) === Array.isArray(b);
    if (bothObjects && Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      for (let i = 0; i < a.length; i++) this.deep(a[i], b[i], `${path}/${i}`);
      return;
    }
    if (bothObjects && !Array.isArray(a)) {
      const keys = [...new Set([...Object.keys(a as Json), ...Object.keys(b as Json)])].sort();
      for (const k of keys) this.deep((a as Json)[k], (b as Json)[k], `${path}${seg(k)}`);
      return;
    }
    const where = path || '/';
    this.add(
      'changed',
      { en: `${where}: ${show(a)} → ${show(b)}`, zh: `${where}：${show(a)} → ${show(b)}` },
      { path: where, before: a, after: b },
    );
  }

  /** A `renamed` entry when the document's `name` changed. */
  renamed(a: Json, b: Json): void {
    if (!jsonEquals(a.name, b.name))
      this.add('renamed', renameText({ en: 'renamed', zh: '更名' }, a.name, b.name), {
        path: '/name',
        before: a.name,
        after: b.name,
      });
  }

  /** Deep diff of every top-level key except the ones a specific differ handled. */
  rest(a: Json, b: Json, handled: readonly string[]): void {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((k) => !handled.includes(k))
      .sort();
    for (const k of keys) this.deep(a[k], b[k], seg(k));
  }
}

/**
 * Pairs the items of the list `field` of two versions of a document by `keyOf`, and calls `visit` for
 * each key in sorted order with the item before (`a`) and after (`b`); either is undefined when absent.
 */
export function eachKeyed(
  a: Json,
  b: Json,
  field: string,
  keyOf: (item: Json) => string,
  visit: (key: string, before: Json | undefined, after: Json | undefined) => void,
): void {
  const byKey = (x: Json) =>
    new Map(((x[field] as Json[] | undefined) ?? []).map((item) => [keyOf(item), item] as const));
  const xa = byKey(a);
  const xb = byKey(b);
  for (const key of [...new Set([...xa.keys(), ...xb.keys()])].sort()) visit(key, xa.get(key), xb.get(key));
}

/** Top-level keys whose values differ, sorted. */
export function changedKeys(a: Json, b: Json): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !jsonEquals(a[k], b[k])).sort();
}

/** The documents of a rule set (anything without a string kind and id is left out). */
export const docsOf = (ruleSet: unknown): Doc[] => {
  const docs = (ruleSet as { documents?: unknown } | null)?.documents;
  return Array.isArray(docs)
    ? docs.filter(
        (d): d is Doc =>
          typeof d === 'object' && d !== null && typeof d.kind === 'string' && typeof d.id === 'string',
      )
    : [];
};

/** The calendars beside a rule set's documents, as documents of kind `calendar`. */
export const calendarsOf = (ruleSet: unknown): Doc[] => {
  const calendars = (ruleSet as { calendars?: unknown } | null)?.calendars;
  return Array.isArray(calendars)
    ? calendars
        .filter((c): c is Doc => typeof c === 'object' && c !== null && typeof c.id === 'string')
        .map((c) => ({ ...c, kind: 'calendar' }))
    : [];
};
