/** @module What a document kind is (the descriptor every module under kinds/ exports) and the context its check and diff receive. */
import type { RuleSet, RuleSetDocument } from '../../../../schemas/types.gen.ts';
import type { Issue, LocalizedText } from '../../errors.ts';
import { type DocDiff, type Json, textOf } from './doc-diff.ts';

/**
 * The rule-language and table-analysis functions `check` relies on. Defaults: `checkRule` and `compile`
 * from engine/core/rule-language.ts and `analyseTable` from engine/core/tables/analyse.ts; tests and
 * the studio may pass others.
 */
export interface RuleTools {
  /** Type-checks a rule against the JSON Schema of the data it reads; issue paths are relative to the rule. */
  checkRule: (rule: unknown, dataSchema: object) => Issue[];
  /** Compiles a rule into a function of its data; may throw on an invalid rule. */
  compile: (rule: unknown) => (data: unknown) => unknown;
  /** Static analysis of a decision table; issue paths are relative to the table. */
  analyseTable?: (table: unknown) => Issue[];
}

/** JSON pointer of the document at `i` in a rule set. */
export const DOC = (i: number) => `/documents/${i}`;

/** Gathers the issues of one `check` run. */
export class Collector {
  readonly issues: Issue[] = [];
  error(path: string, code: string, en: string, zh: string): void {
    this.issues.push({ path, code, message: en, messageZh: zh, severity: 'error' });
  }
  warn(path: string, code: string, en: string, zh: string): void {
    this.issues.push({ path, code, message: en, messageZh: zh, severity: 'warning' });
  }
  nested(prefix: string, issues: readonly Issue[]): void {
    for (const i of issues)
      this.issues.push({ ...i, path: `${prefix}${i.path}`, severity: i.severity ?? 'error' });
  }
}

/** A document and its index in `documents`. */
export interface Located<T> {
  doc: T;
  index: number;
}

/** The rule set's documents by kind, then by id. */
export type ByKind = {
  [K in RuleSetDocument['kind']]: Map<string, Located<Extract<RuleSetDocument, { kind: K }>>>;
};

/** A `ref.unresolved` error: no document of that kind with that id. */
export function unresolved(out: Collector, path: string, what: string, id: string): void {
  out.error(
    path,
    'ref.unresolved',
    `No ${what} with id "${id}" in the rule set`,
    `规则集中没有 id 为“${id}”的${what}`,
  );
}

/** What a kind's check sees: the whole rule set, its documents by kind, the rule tools and the issue collector. */
export interface CheckContext {
  ruleSet: RuleSet;
  by: ByKind;
  tools: RuleTools;
  out: Collector;
}

/** What a kind's diff sees beside the two documents: both rule sets, and a memo for facts worked out once per diff. */
export interface DiffContext {
  before: unknown;
  after: unknown;
  memo: Map<string, unknown>;
}

/**
 * One document kind: where its schema is, where it sits in lists (and in diffs), what it is called,
 * and what it adds beyond JSON Schema. Adding a kind is a module under kinds/ and a line in registry.ts.
 */
export interface DocumentKind {
  /** The `kind` value of its documents. */
  kind: RuleSetDocument['kind'] | 'calendar';
  /** The file under schemas/ holding its JSON Schema. */
  schemaFile: string;
  /** Position in lists and diffs (ascending; unique). */
  order: number;
  /** Name of the kind, plural, as lists show it. */
  label: LocalizedText;
  /** Where a rule set holds its documents: `documents`, or `calendars` beside them. */
  place: 'documents' | 'calendars';
  /** Cross-document checks of every document of this kind; adds issues to `ctx.out`. */
  check?: (ctx: CheckContext) => void;
  /** Semantic diff of two versions of one document; without it the diff is a generic deep diff. */
  diff?: (d: DocDiff, a: Json, b: Json, ctx: DiffContext) => void;
  /** One line about a document, for lists. */
  summary: (doc: Json) => LocalizedText;
}

/** The summary most kinds give: the document's name (its id when it has none), and a detail after it. */
export function nameLine(doc: Json, detail?: LocalizedText): LocalizedText {
  const line = (lang: keyof LocalizedText) => {
    const name = textOf(doc.name, lang) || String(doc.id);
    return detail ? `${name} (${detail[lang]})` : name;
  };
  return { en: line('en'), zh: line('zh') };
}

/** The name line with the length of one of the document's lists after it, e.g. "Intake (5 states)". */
export function nameWithCount(doc: Json, list: unknown, en: string, zh: string): LocalizedText {
  const count = (list as unknown[] | undefined)?.length ?? 0;
  return nameLine(doc, { en: `${count} ${en}`, zh: `${count} ${zh}` });
}

/** What a kind adds to its name, order and label; `place` defaults to `documents`, `summary` to the name line. */
export type KindParts = Pick<DocumentKind, 'check' | 'diff'> &
  Partial<Pick<DocumentKind, 'place' | 'summary'>>;

/** A kind descriptor; its JSON Schema is `schemas/<kind in kebab-case>.schema.json`. */
export function defineKind(
  kind: DocumentKind['kind'],
  order: number,
  label: LocalizedText,
  parts: KindParts = {},
): DocumentKind {
  const { place = 'documents', summary = (doc: Json) => nameLine(doc), ...rest } = parts;
  const schemaFile = `${kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.schema.json`;
  return { kind, schemaFile, order, label, place, ...rest, summary };
}
