/**
 * @module CSV import/export of decision tables that round-trips exactly (RFC 4180 quoting, UTF-8 text).
 *
 * Layout: a header section of `key,value…` lines, a blank line, then the rule grid.
 * ```
 * kind,decisionTable
 * id,case-routing
 * schemaVersion,1
 * name,案件派单表
 * hitPolicy,F
 * description,…                       (only when present)
 * input,<id>,<label>,<type>,<expression>,<extra JSON>
 * output,<id>,<label>,<type>,<extra JSON>
 * tests,<JSON>                         (only when present)
 *
 * id,<input ids…>,<output ids…>,annotation,validFrom,validTo
 * r1,"""housing""",< 10,street-office,,,
 * ```
 * Encoding of a field: an unquoted empty field is "absent" (undefined, or null for an output value);
 * a quoted empty field `""` is the empty string. Expressions and input cells that are JSON Logic
 * objects are written as JSON text; text that would read back as JSON gets a `json:` prefix. Output values are written by
 * output type: numbers and booleans as literals, strings and dates as text; a value not fitting its
 * type is written as `json:` + JSON. `extra JSON` holds the optional column fields
 * (allowedValues, range, description) or is empty.
 */
import { ValidationError } from '../errors.ts';
import type { CellSource, DecisionTable, HitPolicy, TableInput, TableOutput, TableRule } from './types.ts';

/** Options of {@link tableToCsv}. */
export interface CsvExportOptions {
  /** Prefix a UTF-8 byte order mark so spreadsheet programs detect Chinese text; default false. */
  bom?: boolean;
  /** Line separator; default `\r\n` (RFC 4180). */
  newline?: '\r\n' | '\n';
}

/** A parsed CSV field: its text and whether it was quoted. */
interface Field {
  text: string;
  quoted: boolean;
}

const ABSENT: Field = { text: '', quoted: false };

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Encodes a defined string: quoted when needed, always when empty. */
function enc(text: string): string {
  if (text === '' || /[",\r\n]/.test(text) || text !== text.trim()) return quote(text);
  return text;
}

function encOptional(text: string | undefined): string {
  return text === undefined ? '' : enc(text);
}

/** Strings that would read back as JSON get a `json:` prefix; objects are written as JSON. */
function encJsonish(value: string | Record<string, unknown>): string {
  if (typeof value !== 'string') return enc(JSON.stringify(value));
  return /^(?:[{[]|json:)/.test(value) ? enc(`json:${JSON.stringify(value)}`) : enc(value);
}

function decJsonish(f: Field): string | Record<string, unknown> {
  if (f.text.startsWith('json:')) return JSON.parse(f.text.slice(5)) as string;
  return /^[{[]/.test(f.text) ? (JSON.parse(f.text) as Record<string, unknown>) : f.text;
}

type OutputValue = string | number | boolean | null;

function encOutput(v: OutputValue, out: TableOutput): string {
  if (v === null) return '';
  const fits =
    out.type === 'number'
      ? typeof v === 'number' && Number.isFinite(v)
      : out.type === 'boolean'
        ? typeof v === 'boolean'
        : typeof v === 'string' && !v.startsWith('json:');
  if (!fits) return enc(`json:${JSON.stringify(v)}`);
  return typeof v === 'string' ? enc(v) : String(v);
}

function decOutput(f: Field, out: TableOutput): OutputValue {
  if (!f.quoted && f.text === '') return null;
  if (f.text.startsWith('json:')) return JSON.parse(f.text.slice(5)) as OutputValue;
  if (out.type === 'number') return Number(f.text);
  if (out.type === 'boolean') return f.text === 'true';
  return f.text;
}

function extras(col: TableInput | TableOutput, keys: readonly string[]): string {
  const rec: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (col as unknown as Record<string, unknown>)[k];
    if (v !== undefined) rec[k] = v;
  }
  return Object.keys(rec).length === 0 ? '' : enc(JSON.stringify(rec));
}

const INPUT_EXTRAS = ['allowedValues', 'range', 'description'] as const;
const OUTPUT_EXTRAS = ['allowedValues', 'description'] as const;

/** Writes a decision table as CSV (see module notes for the layout). */
export function tableToCsv(table: DecisionTable, options: CsvExportOptions = {}): string {
  const lines: string[] = [
    `kind,${enc(table.kind)}`,
    `id,${enc(table.id)}`,
    `schemaVersion,${table.schemaVersion}`,
    `name,${enc(table.name)}`,
    `hitPolicy,${enc(table.hitPolicy)}`,
  ];
  if (table.description !== undefined) lines.push(`description,${enc(table.description)}`);
  for (const i of table.inputs) {
    lines.push(
      ['input', enc(i.id), enc(i.label), enc(i.type), encJsonish(i.expression), extras(i, INPUT_EXTRAS)].join(
        ',',
      ),
    );
  }
  for (const o of table.outputs) {
    lines.push(['output', enc(o.id), enc(o.label), enc(o.type), extras(o, OUTPUT_EXTRAS)].join(','));
  }
  if (table.tests !== undefined) lines.push(`tests,${enc(JSON.stringify(table.tests))}`);
  lines.push('');
  lines.push(
    [
      'id',
      ...table.inputs.map((i) => enc(i.id)),
      ...table.outputs.map((o) => enc(o.id)),
      'annotation',
      'validFrom',
      'validTo',
    ].join(','),
  );
  for (const rule of table.rules) {
    lines.push(
      [
        encOptional(rule.id),
        ...rule.cells.map((cell: CellSource) => encJsonish(cell)),
        ...rule.outputs.map((v, k) => encOutput(v, table.outputs[k]!)),
        encOptional(rule.annotation),
        encOptional(rule.validFrom),
        encOptional(rule.validTo),
      ].join(','),
    );
  }
  const newline = options.newline ?? '\r\n';
  return `${options.bom ? '\uFEFF' : ''}${lines.join(newline)}${newline}`;
}

/** Parses CSV text into records of fields (RFC 4180; accepts `\n` or `\r\n`; strips a BOM). */
export function parseCsv(text: string): Field[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: Field[][] = [];
  let record: Field[] = [];
  let i = 0;
  const n = src.length;
  if (n === 0) return records;
  for (;;) {
    let field: Field;
    if (src[i] === '"') {
      let out = '';
      i++;
      for (;;) {
        if (i >= n) throw csvError('Unterminated quoted field', '引号字段未结束', records.length);
        const c = src[i]!;
        if (c === '"') {
          if (src[i + 1] === '"') {
            out += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        out += c;
        i++;
      }
      field = { text: out, quoted: true };
    } else {
      let j = i;
      while (j < n && src[j] !== ',' && src[j] !== '\r' && src[j] !== '\n') j++;
      field = { text: src.slice(i, j), quoted: false };
      i = j;
    }
    record.push(field);
    if (i >= n) {
      records.push(record);
      break;
    }
    const c = src[i];
    if (c === ',') {
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      records.push(record);
      record = [];
      if (i >= n) break;
      continue;
    }
    throw csvError('Unexpected character after a quoted field', '引号字段后出现多余字符', records.length);
  }
  return records;
}

function csvError(en: string, zh: string, line: number): ValidationError {
  return new ValidationError('table.csv', {
    en: `CSV line ${line + 1}: ${en}`,
    zh: `CSV 第 ${line + 1} 行：${zh}`,
  });
}

/** A rule line of the grid: id, cells, outputs, then annotation and validity (empty unquoted: absent). */
function ruleFromRecord(r: Field[], q: { inputs: number; outputs: readonly TableOutput[] }): TableRule {
  const get = (k: number): Field => r[k] ?? ABSENT;
  const { outputs } = q;
  const rule: TableRule = {
    cells: Array.from({ length: q.inputs }, (_, c) => decJsonish(get(1 + c))),
    outputs: outputs.map((o, c) => decOutput(get(1 + q.inputs + c), o)),
  };
  const opt = (f: Field): string | undefined => (f.quoted || f.text !== '' ? f.text : undefined);
  const id = opt(get(0));
  if (id !== undefined) rule.id = id;
  const base = 1 + q.inputs + outputs.length;
  const annotation = opt(get(base));
  if (annotation !== undefined) rule.annotation = annotation;
  const validFrom = opt(get(base + 1));
  if (validFrom !== undefined) rule.validFrom = validFrom;
  const validTo = opt(get(base + 2));
  if (validTo !== undefined) rule.validTo = validTo;
  return rule;
}

/** Reads a table written by {@link tableToCsv}. Throws `ValidationError` `table.csv` on malformed input. */
export function tableFromCsv(text: string): DecisionTable {
  const records = parseCsv(text);
  const get = (r: Field[], k: number): Field => r[k] ?? ABSENT;
  const head: Record<string, string> = {};
  const inputs: TableInput[] = [];
  const outputs: TableOutput[] = [];
  let tests: DecisionTable['tests'];
  let line = 0;
  for (; line < records.length; line++) {
    const r = records[line]!;
    if (r.length === 1 && r[0]!.text === '' && !r[0]!.quoted) break;
    const key = get(r, 0).text;
    if (key === 'input') {
      const input: TableInput = {
        id: get(r, 1).text,
        label: get(r, 2).text,
        type: get(r, 3).text as TableInput['type'],
        expression: decJsonish(get(r, 4)),
      };
      const extra = get(r, 5).text;
      if (extra !== '') Object.assign(input, JSON.parse(extra));
      inputs.push(input);
    } else if (key === 'output') {
      const output: TableOutput = {
        id: get(r, 1).text,
        label: get(r, 2).text,
        type: get(r, 3).text as TableOutput['type'],
      };
      const extra = get(r, 4).text;
      if (extra !== '') Object.assign(output, JSON.parse(extra));
      outputs.push(output);
    } else if (key === 'tests') {
      tests = JSON.parse(get(r, 1).text) as DecisionTable['tests'];
    } else {
      head[key] = get(r, 1).text;
    }
  }
  if (head.kind !== 'decisionTable' || line >= records.length - 1) {
    throw csvError(
      'Not a decision table CSV (header section or rule grid missing)',
      '不是决策表 CSV（缺少表头或规则区）',
      line,
    );
  }
  const header = records[line + 1]!;
  const width = 1 + inputs.length + outputs.length + 3;
  if (header.length !== width)
    throw csvError(`Rule header must have ${width} columns`, `规则表头必须有 ${width} 列`, line + 1);
  const rules: TableRule[] = [];
  for (let k = line + 2; k < records.length; k++) {
    const r = records[k]!;
    if (r.length !== width)
      throw csvError(`Rule line must have ${width} columns`, `规则行必须有 ${width} 列`, k);
    const rule = ruleFromRecord(r, { inputs: inputs.length, outputs });
    rules.push(rule);
  }
  const table: DecisionTable = {
    kind: 'decisionTable',
    id: head.id ?? '',
    schemaVersion: Number(head.schemaVersion) as 1,
    name: head.name ?? '',
    hitPolicy: head.hitPolicy as HitPolicy,
    inputs,
    outputs,
    rules,
  };
  if (head.description !== undefined) table.description = head.description;
  if (tests !== undefined) table.tests = tests;
  return table;
}
