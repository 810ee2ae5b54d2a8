/** @module Semantic diff between two versions of a rule set, and its text rendering for the CLI. */
import type { LocalizedText } from '../errors.ts';
import { canonicalJson } from './canonical.ts';
import { jsonEquals } from './check.ts';

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
  | 'transitionAdded'
  | 'transitionRemoved'
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

type Json = Record<string, unknown>;
type Doc = Json & { kind: string; id: string };

const KIND_ORDER = [
  'ruleSet',
  'unit',
  'indicator',
  'form',
  'scoringRule',
  'routingTable',
  'workflow',
  'slaPolicy',
  'lightRule',
  'pluginBinding',
];

const seg = (s: string | number): string => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`;
const show = (v: unknown): string => {
  if (v === undefined) return '—';
  try {
    return canonicalJson(v);
  } catch {
    return String(v);
  }
};
const nameOf = (d: Json, lang: keyof LocalizedText): string => {
  const n = d.name as Partial<LocalizedText> | string | undefined;
  return typeof n === 'string' ? n : (n?.[lang] ?? '');
};

class DocDiff {
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

  /** Deep diff of every top-level key except the ones a specific differ handled. */
  rest(a: Json, b: Json, handled: readonly string[]): void {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((k) => !handled.includes(k))
      .sort();
    for (const k of keys) this.deep(a[k], b[k], seg(k));
  }
}

function diffIndicator(d: DocDiff, a: Json, b: Json): void {
  if (!jsonEquals(a.parentId, b.parentId))
    d.add(
      'moved',
      {
        en: `moved from ${show(a.parentId)} to ${show(b.parentId)}`,
        zh: `上级由 ${show(a.parentId)} 调整为 ${show(b.parentId)}`,
      },
      { path: '/parentId', before: a.parentId, after: b.parentId },
    );
  if (!jsonEquals(a.weight, b.weight))
    d.add(
      'reweighted',
      {
        en: `weight ${show(a.weight)} → ${show(b.weight)}`,
        zh: `权重 ${show(a.weight)} → ${show(b.weight)}`,
      },
      { path: '/weight', before: a.weight, after: b.weight },
    );
  if (!jsonEquals(a.name, b.name))
    d.add(
      'renamed',
      {
        en: `renamed "${nameOf(a, 'en')}" → "${nameOf(b, 'en')}"`,
        zh: `更名“${nameOf(a, 'zh')}” → “${nameOf(b, 'zh')}”`,
      },
      { path: '/name', before: a.name, after: b.name },
    );
  for (const key of ['scoringRule', 'scoringRuleRef'])
    if (!jsonEquals(a[key], b[key]))
      d.add(
        'ruleChanged',
        {
          en: `${key} changed: ${show(a[key])} → ${show(b[key])}`,
          zh: `计分规则变更：${show(a[key])} → ${show(b[key])}`,
        },
        { path: seg(key), before: a[key], after: b[key] },
      );
  const targets = (x: Json) =>
    new Map(((x.targets as Json[] | undefined) ?? []).map((t) => [String(t.unitId), t] as const));
  const ta = targets(a);
  const tb = targets(b);
  for (const unit of [...new Set([...ta.keys(), ...tb.keys()])].sort()) {
    const before = ta.get(unit);
    const after = tb.get(unit);
    if (jsonEquals(before, after)) continue;
    d.add(
      'targetChanged',
      {
        en: `target of ${unit}: ${show(before?.value)} → ${show(after?.value)}`,
        zh: `${unit} 的目标值：${show(before?.value)} → ${show(after?.value)}`,
      },
      { path: `/targets${seg(unit)}`, before, after },
    );
  }
  d.rest(a, b, ['parentId', 'weight', 'name', 'scoringRule', 'scoringRuleRef', 'targets']);
}

const FIELD_ASPECTS = [
  'type',
  'title',
  'format',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'default',
];

/** Collects the fields of a form schema by entry path (nested objects and array items `/*`). */
function fieldsOf(schema: unknown, prefix = '', out = new Map<string, { field: Json; required: boolean }>()) {
  if (typeof schema !== 'object' || schema === null) return out;
  const s = schema as Json;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const props = (s.properties ?? {}) as Json;
  for (const key of Object.keys(props)) {
    const field = props[key];
    if (typeof field !== 'object' || field === null) continue;
    const path = `${prefix}${seg(key)}`;
    out.set(path, { field: field as Json, required: required.has(key) });
    fieldsOf(field, path, out);
    const items = (field as Json).items;
    if (typeof items === 'object' && items !== null) fieldsOf(items, `${path}/*`, out);
  }
  return out;
}

function diffForm(d: DocDiff, a: Json, b: Json): void {
  const fa = fieldsOf(a.schema);
  const fb = fieldsOf(b.schema);
  for (const path of [...new Set([...fa.keys(), ...fb.keys()])].sort()) {
    const x = fa.get(path);
    const y = fb.get(path);
    if (!x && y)
      d.add('fieldAdded', { en: `field ${path} added`, zh: `新增字段 ${path}` }, { path, after: y.field });
    else if (x && !y)
      d.add(
        'fieldRemoved',
        { en: `field ${path} removed`, zh: `删除字段 ${path}` },
        { path, before: x.field },
      );
    else if (x && y) {
      const before: Json = {};
      const after: Json = {};
      for (const aspect of FIELD_ASPECTS)
        if (!jsonEquals(x.field[aspect], y.field[aspect])) {
          before[aspect] = x.field[aspect] ?? null;
          after[aspect] = y.field[aspect] ?? null;
        }
      if (x.required !== y.required) {
        before.required = x.required;
        after.required = y.required;
      }
      const aspects = Object.keys(after);
      if (aspects.length === 0) continue;
      const text = aspects.map((k) => `${k} ${show(before[k])} → ${show(after[k])}`).join(', ');
      d.add(
        'fieldChanged',
        { en: `field ${path}: ${text}`, zh: `字段 ${path}：${text}` },
        { path, before, after },
      );
    }
  }
  // Schema keywords above the fields (e.g. `additionalProperties`) still show as generic changes.
  const outer = (s: unknown) => {
    const { properties: _p, required: _r, ...others } = (s ?? {}) as Json;
    return others;
  };
  d.deep(outer(a.schema), outer(b.schema), '/schema');
  d.rest(a, b, ['schema']);
}

function diffScoringRule(d: DocDiff, a: Json, b: Json): void {
  if (!jsonEquals(a.rule, b.rule))
    d.add(
      'ruleChanged',
      {
        en: `rule changed: ${show(a.rule)} → ${show(b.rule)}`,
        zh: `规则变更：${show(a.rule)} → ${show(b.rule)}`,
      },
      { path: '/rule', before: a.rule, after: b.rule },
    );
  d.rest(a, b, ['rule']);
}

/** Pairs rows by `id`, then the remaining rows by identical content. */
function matchRows(a: Json[], b: Json[]): { pairs: [number, number][]; removed: number[]; added: number[] } {
  const pairs: [number, number][] = [];
  const usedB = new Set<number>();
  const usedA = new Set<number>();
  const byId = new Map<string, number>();
  b.forEach((row, j) => {
    if (typeof row.id === 'string' && !byId.has(row.id)) byId.set(row.id, j);
  });
  a.forEach((row, i) => {
    const j = typeof row.id === 'string' ? byId.get(row.id) : undefined;
    if (j !== undefined && !usedB.has(j)) {
      pairs.push([i, j]);
      usedA.add(i);
      usedB.add(j);
    }
  });
  const content = (row: Json) => {
    const { id: _id, ...rest } = row;
    return canonicalJson(rest);
  };
  const byContent = new Map<string, number[]>();
  b.forEach((row, j) => {
    if (usedB.has(j)) return;
    const key = content(row);
    byContent.set(key, [...(byContent.get(key) ?? []), j]);
  });
  a.forEach((row, i) => {
    if (usedA.has(i)) return;
    const j = byContent.get(content(row))?.shift();
    if (j !== undefined) {
      pairs.push([i, j]);
      usedA.add(i);
      usedB.add(j);
    }
  });
  return {
    pairs: pairs.sort((p, q) => p[1] - q[1]),
    removed: a.map((_, i) => i).filter((i) => !usedA.has(i)),
    added: b.map((_, j) => j).filter((j) => !usedB.has(j)),
  };
}

function diffTable(d: DocDiff, a: Json, b: Json, prefix: string): void {
  const ra = ((a.rules ?? a.rows ?? []) as Json[]).filter((r) => typeof r === 'object' && r !== null);
  const rb = ((b.rules ?? b.rows ?? []) as Json[]).filter((r) => typeof r === 'object' && r !== null);
  const label = (row: Json, i: number) => (typeof row.id === 'string' ? row.id : `#${i}`);
  const { pairs, removed, added } = matchRows(ra, rb);
  for (const i of removed)
    d.add(
      'rowRemoved',
      { en: `row ${label(ra[i]!, i)} removed`, zh: `删除行 ${label(ra[i]!, i)}` },
      { path: `${prefix}/rules${seg(label(ra[i]!, i))}`, before: ra[i] },
    );
  for (const j of added)
    d.add(
      'rowAdded',
      { en: `row ${label(rb[j]!, j)} added`, zh: `新增行 ${label(rb[j]!, j)}` },
      { path: `${prefix}/rules${seg(label(rb[j]!, j))}`, after: rb[j] },
    );
  for (const [i, j] of pairs)
    if (!jsonEquals(ra[i], rb[j]))
      d.add(
        'rowChanged',
        {
          en: `row ${label(rb[j]!, j)}: ${show(ra[i]!.outputs ?? ra[i])} → ${show(rb[j]!.outputs ?? rb[j])}`,
          zh: `行 ${label(rb[j]!, j)} 变更：${show(ra[i]!.outputs ?? ra[i])} → ${show(rb[j]!.outputs ?? rb[j])}`,
        },
        { path: `${prefix}/rules${seg(label(rb[j]!, j))}`, before: ra[i], after: rb[j] },
      );
  const others = (t: Json) => {
    const { rules: _r, rows: _w, ...rest } = t;
    return rest;
  };
  d.deep(others(a), others(b), prefix);
}

function diffRoutingTable(d: DocDiff, a: Json, b: Json): void {
  diffTable(d, (a.table ?? {}) as Json, (b.table ?? {}) as Json, '/table');
  d.rest(a, b, ['table']);
}

function diffWorkflow(d: DocDiff, a: Json, b: Json): void {
  const states = (x: Json) => new Map(((x.states ?? []) as Json[]).map((s) => [String(s.name), s] as const));
  const sa = states(a);
  const sb = states(b);
  for (const name of [...new Set([...sa.keys(), ...sb.keys()])].sort()) {
    const x = sa.get(name);
    const y = sb.get(name);
    const path = `/states${seg(name)}`;
    if (!x) d.add('stateAdded', { en: `state ${name} added`, zh: `新增状态 ${name}` }, { path, after: y });
    else if (!y)
      d.add('stateRemoved', { en: `state ${name} removed`, zh: `删除状态 ${name}` }, { path, before: x });
    else d.deep(x, y, path);
  }
  const key = (t: Json) => (typeof t.id === 'string' ? t.id : `${t.from}-${t.action}->${t.to}`);
  const transitions = (x: Json) =>
    new Map(((x.transitions ?? []) as Json[]).map((t) => [key(t), t] as const));
  const xa = transitions(a);
  const xb = transitions(b);
  for (const k of [...new Set([...xa.keys(), ...xb.keys()])].sort()) {
    const x = xa.get(k);
    const y = xb.get(k);
    const path = `/transitions${seg(k)}`;
    const text = (t: Json) => `${t.from} --${t.action}--> ${t.to}`;
    if (!x)
      d.add(
        'transitionAdded',
        { en: `transition ${text(y!)} added`, zh: `新增流转 ${text(y!)}` },
        { path, after: y },
      );
    else if (!y)
      d.add(
        'transitionRemoved',
        { en: `transition ${text(x)} removed`, zh: `删除流转 ${text(x)}` },
        { path, before: x },
      );
    else d.deep(x, y, path);
  }
  d.rest(a, b, ['states', 'transitions']);
}

const SPECIFIC: Record<string, (d: DocDiff, a: Json, b: Json) => void> = {
  indicator: diffIndicator,
  form: diffForm,
  scoringRule: diffScoringRule,
  routingTable: diffRoutingTable,
  workflow: diffWorkflow,
};

const docsOf = (ruleSet: unknown): Doc[] => {
  const docs = (ruleSet as { documents?: unknown } | null)?.documents;
  return Array.isArray(docs)
    ? docs.filter(
        (d): d is Doc =>
          typeof d === 'object' && d !== null && typeof d.kind === 'string' && typeof d.id === 'string',
      )
    : [];
};

const rank = (kind: string): number => {
  const i = KIND_ORDER.indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
};

/**
 * Semantic diff from rule set `a` to `b`. Documents are matched by (kind, id). Indicators report
 * moves, weights, renames, rule and target changes; forms report fields by entry path; scoring rules
 * their rule; routing tables rows (matched by id, else by content); workflows states and transitions;
 * everything else a generic deep diff with JSON-pointer paths. Version metadata is ignored.
 * Order is deterministic: by kind, then document id, then the order above.
 */
export function diffRuleSets(a: unknown, b: unknown): DiffEntry[] {
  const groups: DocDiff[] = [];
  const top = (x: unknown) => {
    const { documents: _d, version: _v, ...rest } = (x ?? {}) as Json;
    return rest;
  };
  const meta = new DocDiff('ruleSet', String((b as Json | null)?.id ?? (a as Json | null)?.id ?? ''));
  meta.deep(top(a), top(b), '');
  groups.push(meta);

  const index = (docs: Doc[]) => new Map(docs.map((d) => [`${d.kind}\u0000${d.id}`, d] as const));
  const ia = index(docsOf(a));
  const ib = index(docsOf(b));
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
    else if (!jsonEquals(x, y)) (SPECIFIC[doc.kind] ?? ((g, p, q) => g.deep(p, q, '')))(d, x, y);
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
  removed: '-',
  fieldRemoved: '-',
  rowRemoved: '-',
  stateRemoved: '-',
  transitionRemoved: '-',
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
