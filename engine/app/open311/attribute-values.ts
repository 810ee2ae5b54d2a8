/** @module Posted Open311 attribute values converted to their intake-form field types, and W3C datetimes. */
import { DISTRICT_UTC_OFFSET } from '../../core/time-zone.ts';
import { datatypeOf, type Prop } from './attributes.ts';
import { badInput } from './ids.ts';
import { OPEN311_LIMITS, type Open311Value } from './model.ts';

/** W3C datetime (complete date plus hours and minutes, with a zone): the forms GeoReport v2 uses. */
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a W3C datetime (the zone is required), or null. */
export function parseW3cDatetime(value: string): Date | null {
  if (!W3C_DATETIME.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

const attributeError = (code: string, en: string, zh: string) =>
  badInput('invalid_attribute', `attribute[${code}] ${en}`, `attribute[${code}] ${zh}`, `/attribute/${code}`);

/** Converts one posted attribute to its intake-form field's type (number, boolean, list, datetime or text); 400 when it does not fit. */
export function attributeValueOf(code: string, prop: Prop, raw: Open311Value): unknown {
  const datatype = datatypeOf(prop);
  const list = Array.isArray(raw) ? raw : [raw];
  if (datatype === 'multivaluelist') {
    const allowed = ((prop.items as Prop).enum as unknown[]).map(String);
    const out: unknown[] = [];
    for (const v of list) {
      const key = String(v);
      const index = allowed.indexOf(key);
      if (index < 0) throw attributeError(code, `has no value "${key}".`, `没有取值“${key}”。`);
      out.push(((prop.items as Prop).enum as unknown[])[index]);
    }
    return [...new Set(out)];
  }
  if (list.length !== 1) throw attributeError(code, 'takes one value.', '只能取一个值。');
  const value = list[0]!;
  const s = typeof value === 'string' ? value.trim() : String(value);
  if (prop.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (/^(true|1|yes)$/i.test(s)) return true;
    if (/^(false|0|no)$/i.test(s)) return false;
    throw attributeError(code, 'must be true or false.', '须为 true 或 false。');
  }
  if (datatype === 'singlevaluelist') {
    const allowed = (prop.enum as unknown[]).map(String);
    const index = allowed.indexOf(s);
    if (index < 0) throw attributeError(code, `has no value "${s}".`, `没有取值“${s}”。`);
    return (prop.enum as unknown[])[index];
  }
  if (datatype === 'number') {
    const n =
      typeof value === 'number'
        ? value
        : /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)
          ? Number(s)
          : Number.NaN;
    if (!Number.isFinite(n)) throw attributeError(code, 'must be a number.', '须为数字。');
    if (prop.type === 'integer' && !Number.isInteger(n))
      throw attributeError(code, 'must be a whole number.', '须为整数。');
    return n;
  }
  if (datatype === 'datetime') {
    if (!parseW3cDatetime(s))
      throw attributeError(
        code,
        `must be a W3C datetime such as YYYY-MM-DDThh:mm:ss${DISTRICT_UTC_OFFSET}.`,
        `须为 W3C 日期时间，如 YYYY-MM-DDThh:mm:ss${DISTRICT_UTC_OFFSET}。`,
      );
    return s;
  }
  if (s.length > OPEN311_LIMITS.textFieldMax)
    throw attributeError(code, `is longer than ${OPEN311_LIMITS.textFieldMax} characters.`, '过长。');
  return s;
}
