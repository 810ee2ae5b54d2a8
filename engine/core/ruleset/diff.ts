/** @module Semantic diff between two versions of a rule set, and its text rendering for the CLI. */
import type { LocalizedText } from '../errors.ts';
import { type AhpIndicatorLike, describeAhpNodes, effectiveLocalWeights } from '../scoring/ahp.ts';
import { canonicalJson } from './canonical.ts';
import { jsonEquals } from './check.ts';
import { type CalendarDay, dayRuns, diffCalendarDays } from '../calendar/days.ts';

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
  'assessmentPolicy',
  'calendar',
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
const textOf = (n: unknown, lang: keyof LocalizedText): string =>
  typeof n === 'string' ? n : ((n as Partial<LocalizedText> | undefined)?.[lang] ?? '');

/**
 * Summary of a changed name (or label). Each language shows its own text when that text changed;
 * when only the other language changed it shows that language's text, marked, so a rename of
 * the Chinese name alone never reads as `"X" → "X"` in English.
 */
function renameText(what: LocalizedText, before: unknown, after: unknown): LocalizedText {
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

/** What the indicator part of the diff knows about each side as a whole: effective weights and AHP nodes. */
interface WeightSide {
  /** Weight among siblings: the number, or the share derived from the parent's AHP matrix. */
  weights: Map<string, number>;
  /** CR and method of each indicator's AHP comparison, by indicator id. */
  ahp: Map<string, { cr: number | null; method: string }>;
  names: Map<string, unknown>;
}

/** Both sides of an indicator diff. */
interface DiffContext {
  before: WeightSide;
  after: WeightSide;
}

function weightSide(ruleSet: unknown): WeightSide {
  const indicators = docsOf(ruleSet).filter((d) => d.kind === 'indicator') as unknown as AhpIndicatorLike[];
  return {
    weights: effectiveLocalWeights(indicators),
    ahp: new Map(
      describeAhpNodes(indicators).map((n) => [n.nodeId, { cr: n.cr, method: n.method }] as const),
    ),
    names: new Map(indicators.map((d) => [d.id, d.name] as const)),
  };
}

/** Two shares as percentages, with the fewest decimals (1 to 3) that tell them apart. */
function percentPair(x: number | undefined, y: number | undefined): [string, string] {
  const pct = (v: number | undefined, digits: number) =>
    v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`;
  let digits = 1;
  while (digits < 3 && x !== undefined && y !== undefined && x !== y && pct(x, digits) === pct(y, digits))
    digits += 1;
  return [pct(x, digits), pct(y, digits)];
}

/** Where a weight comes from: `fixed 0.3334` or `AHP ahp-safety`. */
const weightSource = (w: unknown, lang: keyof LocalizedText): string => {
  if (typeof w === 'number') return `${lang === 'zh' ? '固定' : 'fixed'} ${w}`;
  if (typeof w === 'object' && w !== null && 'ahp' in w) return `AHP ${String((w as { ahp: unknown }).ahp)}`;
  return show(w);
};

/**
 * A changed `weight`: plain numbers as before (`0.4 → 0.5`); when either side is an AHP reference,
 * the derived shares (`33.3% → 41.2%`) with where each comes from.
 */
function weightText(a: Json, b: Json, ctx: DiffContext | undefined): LocalizedText {
  if (typeof a.weight === 'number' && typeof b.weight === 'number')
    return {
      en: `weight ${show(a.weight)} → ${show(b.weight)}`,
      zh: `权重 ${show(a.weight)} → ${show(b.weight)}`,
    };
  const [from, to] = percentPair(ctx?.before.weights.get(String(a.id)), ctx?.after.weights.get(String(b.id)));
  const source = (lang: keyof LocalizedText) =>
    `${weightSource(a.weight, lang)} → ${weightSource(b.weight, lang)}`;
  return { en: `weight ${from} → ${to} (${source('en')})`, zh: `权重 ${from} → ${to}（${source('zh')}）` };
}

/**
 * A changed AHP comparison of an indicator's children: each child's share before → after (shares
 * the children had before, fixed or derived), the consistency ratio and the method when it changed.
 */
function ahpText(a: Json, b: Json, ctx: DiffContext | undefined): LocalizedText {
  const criteria = (x: Json) => {
    const c = (x.ahp as { criteria?: unknown } | undefined)?.criteria;
    return Array.isArray(c) ? c.map(String) : [];
  };
  const children = [...new Set([...criteria(b), ...criteria(a)])];
  const line = (lang: keyof LocalizedText): string => {
    const shares = children.map((id) => {
      const name = textOf(ctx?.after.names.get(id) ?? ctx?.before.names.get(id), lang) || id;
      const [from, to] = percentPair(ctx?.before.weights.get(id), ctx?.after.weights.get(id));
      return `${name} ${from} → ${to}`;
    });
    const x = ctx?.before.ahp.get(String(a.id));
    const y = ctx?.after.ahp.get(String(b.id));
    const cr = (v: { cr: number | null } | undefined) => (v?.cr == null ? '—' : v.cr.toFixed(3));
    const parts = [shares.join(lang === 'zh' ? '，' : ', '), `CR ${cr(x)} → ${cr(y)}`];
    if (x && y && x.method !== y.method)
      parts.push(`${lang === 'zh' ? '方法' : 'method'} ${x.method} → ${y.method}`);
    return lang === 'zh'
      ? `下级指标 AHP 权重：${parts.join('；')}`
      : `AHP weights of the children: ${parts.join('; ')}`;
  };
  return { en: line('en'), zh: line('zh') };
}

function diffIndicator(d: DocDiff, a: Json, b: Json, ctx?: DiffContext): void {
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
    d.add('reweighted', weightText(a, b, ctx), { path: '/weight', before: a.weight, after: b.weight });
  if (!jsonEquals(a.ahp, b.ahp))
    d.add('reweighted', ahpText(a, b, ctx), { path: '/ahp', before: a.ahp, after: b.ahp });
  d.renamed(a, b);
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
  d.rest(a, b, ['parentId', 'weight', 'ahp', 'name', 'scoringRule', 'scoringRuleRef', 'targets']);
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
    else if (!jsonEquals(x, y)) {
      const label = jsonEquals(x.label, y.label)
        ? null
        : renameText({ en: 'label', zh: '名称' }, x.label, y.label);
      const others = changedKeys(x, y).filter((k) => k !== 'label');
      const more = others.length > 0 ? others.join(', ') : '';
      d.add(
        'stateChanged',
        {
          en: `state ${name}: ${[label?.en, more && `${more} changed`].filter(Boolean).join('; ')}`,
          zh: `状态 ${name}：${[label?.zh, more && `${more} 变更`].filter(Boolean).join('；')}`,
        },
        { path, before: x, after: y },
      );
    }
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
    else if (!jsonEquals(x, y)) {
      const keys = changedKeys(x, y);
      const roles = keys.includes('roles') ? ` roles ${show(x.roles)} → ${show(y.roles)}` : '';
      const rest = keys.filter((k) => k !== 'roles');
      const tail = rest.length > 0 ? `${roles ? ';' : ''} ${rest.join(', ')} changed` : '';
      const tailZh = rest.length > 0 ? `${roles ? '；' : ''} ${rest.join(', ')} 变更` : '';
      d.add(
        'transitionChanged',
        {
          en: `transition ${text(y)}:${roles}${tail}`,
          zh: `流转 ${text(y)}：${roles.replace(' roles', ' 角色')}${tailZh}`,
        },
        { path, before: x, after: y },
      );
    }
  }
  d.renamed(a, b);
  d.rest(a, b, ['states', 'transitions', 'name']);
}

/** Top-level keys whose values differ, sorted. */
function changedKeys(a: Json, b: Json): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !jsonEquals(a[k], b[k])).sort();
}

const PIPELINE_DEFAULT = ['validate', 'score', 'weight', 'adjust', 'veto', 'grade', 'rank'];

function diffAssessmentPolicy(d: DocDiff, a: Json, b: Json): void {
  d.renamed(a, b);
  const grades = (x: Json) =>
    new Map(
      ((x.grades ?? []) as Json[]).map((g, i) => [typeof g.id === 'string' ? g.id : `#${i}`, g] as const),
    );
  const ga = grades(a);
  const gb = grades(b);
  for (const id of [...new Set([...ga.keys(), ...gb.keys()])]) {
    const x = ga.get(id);
    const y = gb.get(id);
    const path = `/grades${seg(id)}`;
    const label = (g: Json, lang: keyof LocalizedText) => textOf(g.name, lang) || id;
    if (!x)
      d.add(
        'gradeAdded',
        {
          en: `grade ${label(y!, 'en')} added from ${show(y!.minScore)} points`,
          zh: `新增等次“${label(y!, 'zh')}”（${show(y!.minScore)} 分起）`,
        },
        { path, after: y },
      );
    else if (!y)
      d.add(
        'gradeRemoved',
        { en: `grade ${label(x, 'en')} removed`, zh: `删除等次“${label(x, 'zh')}”` },
        { path, before: x },
      );
    else if (!jsonEquals(x, y)) {
      const parts: LocalizedText[] = [];
      if (!jsonEquals(x.minScore, y.minScore))
        parts.push({
          en: `minimum score ${show(x.minScore)} → ${show(y.minScore)}`,
          zh: `最低分 ${show(x.minScore)} → ${show(y.minScore)}`,
        });
      if (!jsonEquals(x.name, y.name)) parts.push(renameText({ en: 'renamed', zh: '更名' }, x.name, y.name));
      d.add(
        'gradeChanged',
        {
          en: `grade ${label(y, 'en')}: ${parts.map((p) => p.en).join('; ')}`,
          zh: `等次“${label(y, 'zh')}”：${parts.map((p) => p.zh).join('；')}`,
        },
        { path, before: x, after: y },
      );
    }
  }
  const gradeOrder = (m: Map<string, Json>) => [...m.keys()].filter((k) => ga.has(k) && gb.has(k));
  if (!jsonEquals(gradeOrder(ga), gradeOrder(gb)))
    d.add(
      'gradeChanged',
      {
        en: `grade order ${gradeOrder(ga).join(' > ')} → ${gradeOrder(gb).join(' > ')}`,
        zh: `等次顺序 ${gradeOrder(ga).join(' > ')} → ${gradeOrder(gb).join(' > ')}`,
      },
      { path: '/grades', before: gradeOrder(ga), after: gradeOrder(gb) },
    );
  const caps: [string, LocalizedText][] = [
    ['bonus', { en: 'bonus cap', zh: '加分上限' }],
    ['deduction', { en: 'deduction cap', zh: '扣分上限' }],
  ];
  for (const [key, what] of caps) {
    const x = (a[key] as Json | undefined)?.cap;
    const y = (b[key] as Json | undefined)?.cap;
    if (!jsonEquals(x, y))
      d.add(
        'capChanged',
        { en: `${what.en} ${show(x)} → ${show(y)}`, zh: `${what.zh} ${show(x)} → ${show(y)}` },
        { path: `${seg(key)}/cap`, before: x, after: y },
      );
  }
  const day = (x: Json) => (x.deadline as Json | undefined)?.dayOfNextMonth;
  if (!jsonEquals(day(a), day(b)))
    d.add(
      'deadlineChanged',
      {
        en: `data due by day ${show(day(a))} → ${show(day(b))} of the next month`,
        zh: `报送截止日 次月 ${show(day(a))} 日 → ${show(day(b))} 日`,
      },
      { path: '/deadline/dayOfNextMonth', before: day(a), after: day(b) },
    );
  const pipeline = (x: Json) => (x.pipeline as string[] | undefined) ?? PIPELINE_DEFAULT;
  if (!jsonEquals(pipeline(a), pipeline(b)))
    d.add(
      'pipelineChanged',
      {
        en: `pipeline ${pipeline(a).join(' → ')} ⇒ ${pipeline(b).join(' → ')}`,
        zh: `计分流程 ${pipeline(a).join(' → ')} ⇒ ${pipeline(b).join(' → ')}`,
      },
      { path: '/pipeline', before: pipeline(a), after: pipeline(b) },
    );
  const others = (x: Json) => {
    const { deadline, bonus, deduction, ...rest } = x;
    // Caps and the deadline day were reported above; anything else inside those objects still shows.
    const { cap: _b, ...bonusRest } = (bonus ?? {}) as Json;
    const { cap: _d, ...deductionRest } = (deduction ?? {}) as Json;
    const { dayOfNextMonth: _day, ...deadlineRest } = (deadline ?? {}) as Json;
    return { ...rest, bonus: bonusRest, deduction: deductionRest, deadline: deadlineRest };
  };
  d.rest(others(a), others(b), ['name', 'grades', 'pipeline']);
}

const LIMIT_KINDS: [string, LocalizedText][] = [
  ['accept', { en: 'accept', zh: '签收' }],
  ['handle', { en: 'handle', zh: '办结' }],
  ['reply', { en: 'reply', zh: '答复' }],
];
const UNIT_TEXT: Record<string, LocalizedText> = {
  workingHours: { en: 'working hours', zh: '工作小时' },
  workingDays: { en: 'working days', zh: '工作日' },
  calendarDays: { en: 'calendar days', zh: '自然日' },
};
const durationText = (x: unknown, lang: keyof LocalizedText): string => {
  if (typeof x !== 'object' || x === null) return '—';
  const { amount, unit } = x as Json;
  return `${show(amount)} ${UNIT_TEXT[String(unit)]?.[lang] ?? String(unit)}`;
};

function diffSlaPolicy(d: DocDiff, a: Json, b: Json): void {
  d.renamed(a, b);
  const limits = (x: Json) =>
    new Map(((x.limits ?? []) as Json[]).map((l) => [String(l.priority), l] as const));
  const la = limits(a);
  const lb = limits(b);
  for (const priority of [...new Set([...la.keys(), ...lb.keys()])].sort()) {
    const x = la.get(priority);
    const y = lb.get(priority);
    const path = `/limits${seg(priority)}`;
    if (!x)
      d.add(
        'limitAdded',
        { en: `limits for priority ${priority} added`, zh: `新增 ${priority} 优先级时限` },
        { path, after: y },
      );
    else if (!y)
      d.add(
        'limitRemoved',
        { en: `limits for priority ${priority} removed`, zh: `删除 ${priority} 优先级时限` },
        { path, before: x },
      );
    else
      for (const [key, what] of LIMIT_KINDS) {
        if (jsonEquals(x[key], y[key])) continue;
        d.add(
          'limitChanged',
          {
            en: `${priority} ${what.en} limit ${durationText(x[key], 'en')} → ${durationText(y[key], 'en')}`,
            zh: `${priority} 优先级${what.zh}时限 ${durationText(x[key], 'zh')} → ${durationText(y[key], 'zh')}`,
          },
          { path: `${path}${seg(key)}`, before: x[key], after: y[key] },
        );
      }
  }
  d.rest(a, b, ['name', 'limits']);
}

function diffRoutingTableDoc(d: DocDiff, a: Json, b: Json): void {
  d.renamed(a, b);
  diffTable(d, (a.table ?? {}) as Json, (b.table ?? {}) as Json, '/table');
  d.rest(a, b, ['table', 'name']);
}

const DAY_TYPE: Record<CalendarDay['type'], LocalizedText> = {
  holiday: { en: 'holiday', zh: '节假日' },
  workingDay: { en: 'working day', zh: '调休上班' },
};
const datesText = (from: string, to: string): string => (from === to ? from : `${from} – ${to}`);
const yearsText = (c: unknown): string => {
  const { from, to } = (c ?? {}) as Json;
  if (from === undefined) return '—';
  return from === to ? String(from) : `${String(from)}–${String(to)}`;
};

/**
 * Calendars: the coverage years, then the listed days by date — added, removed, swapped
 * (holiday ↔ working day) and renamed — with consecutive dates of the same holiday grouped into one
 * line; everything else (policy, hours, weekdays) generically.
 */
function diffCalendar(d: DocDiff, a: Json, b: Json): void {
  d.renamed(a, b);
  if (!jsonEquals(a.coverage, b.coverage))
    d.add(
      'coverageChanged',
      {
        en: `covers ${yearsText(a.coverage)} → ${yearsText(b.coverage)}`,
        zh: `覆盖年份 ${yearsText(a.coverage)} → ${yearsText(b.coverage)}`,
      },
      { path: '/coverage', before: a.coverage, after: b.coverage },
    );
  if (!jsonEquals(a.outsideCoverage, b.outsideCoverage)) {
    const policy = (v: unknown, lang: keyof LocalizedText): string =>
      v === 'error'
        ? { en: 'error', zh: '报错' }[lang]
        : v === 'weekendsOnly'
          ? { en: 'provisional, weekends only', zh: '暂定，仅周末休息' }[lang]
          : show(v);
    d.add(
      'coverageChanged',
      {
        en: `outside coverage: ${policy(a.outsideCoverage, 'en')} → ${policy(b.outsideCoverage, 'en')}`,
        zh: `覆盖范围外：${policy(a.outsideCoverage, 'zh')} → ${policy(b.outsideCoverage, 'zh')}`,
      },
      { path: '/outsideCoverage', before: a.outsideCoverage, after: b.outsideCoverage },
    );
  }
  const days = diffCalendarDays(a, b);
  const listed = (change: 'dayAdded' | 'dayRemoved', list: CalendarDay[]) => {
    for (const run of dayRuns(list)) {
      const type = DAY_TYPE[run.type];
      const dates = datesText(run.from, run.to);
      const [en, zh] = change === 'dayAdded' ? ['added', '新增'] : ['removed', '删除'];
      d.add(
        change,
        { en: `${type.en} ${run.name} ${dates} ${en}`, zh: `${zh}${type.zh} ${run.name} ${dates}` },
        { path: `/days/${run.from}`, [change === 'dayAdded' ? 'after' : 'before']: run },
      );
    }
  };
  listed('dayAdded', days.added);
  listed('dayRemoved', days.removed);
  for (const s of days.swapped)
    d.add(
      'daySwapped',
      {
        en: `${s.date}: ${DAY_TYPE[s.before.type].en} ${s.before.name} → ${DAY_TYPE[s.after.type].en} ${s.after.name}`,
        zh: `${s.date}：${DAY_TYPE[s.before.type].zh} ${s.before.name} → ${DAY_TYPE[s.after.type].zh} ${s.after.name}`,
      },
      { path: `/days/${s.date}`, before: s.before, after: s.after },
    );
  for (const r of days.renamed)
    d.add(
      'dayRenamed',
      {
        en: `${r.date}: ${DAY_TYPE[r.after.type].en} "${r.before.name}" → "${r.after.name}"`,
        zh: `${r.date}：${DAY_TYPE[r.after.type].zh}“${r.before.name}” → “${r.after.name}”`,
      },
      { path: `/days/${r.date}`, before: r.before, after: r.after },
    );
  d.rest(a, b, ['name', 'coverage', 'outsideCoverage', 'holidays', 'workingDays']);
}

const SPECIFIC: Record<string, (d: DocDiff, a: Json, b: Json, ctx: DiffContext) => void> = {
  indicator: diffIndicator,
  form: diffForm,
  scoringRule: diffScoringRule,
  routingTable: diffRoutingTableDoc,
  workflow: diffWorkflow,
  assessmentPolicy: diffAssessmentPolicy,
  slaPolicy: diffSlaPolicy,
  calendar: diffCalendar,
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

const calendarsOf = (ruleSet: unknown): Doc[] => {
  const calendars = (ruleSet as { calendars?: unknown } | null)?.calendars;
  return Array.isArray(calendars)
    ? calendars
        .filter((c): c is Doc => typeof c === 'object' && c !== null && typeof c.id === 'string')
        .map((c) => ({ ...c, kind: 'calendar' }))
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
  let context: DiffContext | undefined;
  const weights = (): DiffContext => {
    context ??= { before: weightSide(a), after: weightSide(b) };
    return context;
  };
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
    else if (!jsonEquals(x, y)) (SPECIFIC[doc.kind] ?? ((g, p, q) => g.deep(p, q, '')))(d, x, y, weights());
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
