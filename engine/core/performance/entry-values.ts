/** @module Validation of entry values as the client does it (form JSON Schema, computed fields, cross-field checks), with Chinese and English messages. Pure. */
import type { Issue } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import { type CompiledForm, entryIssues } from '../scoring/model.ts';

/** Chinese text of the JSON Schema keywords a form value can fail. */
const AJV_ZH: Record<string, string> = {
  required: '必填项',
  type: '类型不正确',
  minimum: '数值过小',
  maximum: '数值过大',
  exclusiveMinimum: '数值过小',
  exclusiveMaximum: '数值过大',
  enum: '不是允许的取值',
  additionalProperties: '包含表单未定义的字段',
  minLength: '内容过短',
  maxLength: '内容过长',
  pattern: '格式不正确',
  format: '格式不正确',
  const: '取值不正确',
  multipleOf: '数值精度不符合要求',
};

/** The schema issues of values the form's JSON Schema refused, with a JSON-pointer path and `messageZh`. */
function schemaIssues(form: CompiledForm): Issue[] {
  return entryIssues(form.validate.errors).map((issue, i) => {
    const error = form.validate.errors?.[i];
    const missing = (error?.params as { missingProperty?: string } | undefined)?.missingProperty;
    const path = error?.keyword === 'required' && missing ? `${error.instancePath}/${missing}` : issue.path;
    const extra = (error?.params as { limit?: unknown } | undefined)?.limit;
    const zh = AJV_ZH[error?.keyword ?? ''] ?? '填写不正确';
    return {
      ...issue,
      path: path.startsWith('/') || path === '' ? path : `/${path}`,
      messageZh: extra !== undefined ? `${zh}（限值 ${String(extra)}）` : zh,
    };
  });
}

/** The form's cross-field checks that fail on `data` (a check that throws fails). */
function checkIssues(form: CompiledForm, data: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  for (const c of form.checks) {
    let ok = false;
    try {
      ok = c.rule(data) === true;
    } catch {
      ok = false;
    }
    if (!ok)
      issues.push({
        path: c.path,
        code: 'entry.check',
        message: c.message.en,
        messageZh: c.message.zh,
        severity: 'error',
      });
  }
  return issues;
}

/**
 * Validates values as the client does: the form's JSON Schema (ajv), then computed fields and the
 * cross-field checks. Never throws; issues carry a JSON-pointer `path`, `message` (en) and `messageZh`.
 */
export function validateEntryValues(form: CompiledForm, values: unknown): Issue[] {
  if (!form.validate(values)) return schemaIssues(form);
  let data = values as Record<string, unknown>;
  if (form.computed.length > 0) {
    data = { ...data };
    for (const c of form.computed) data[c.field] = c.rule(data);
  }
  return checkIssues(form, data);
}

/** The 400 `entry.invalid` of an entry's issues (`details.issues`), naming every field in both languages. */
export function invalidEntry(issues: Issue[]): ValidationError {
  const first = issues[0]!;
  return new ValidationError(
    'entry.invalid',
    {
      en: `The entry is not valid: ${issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}`,
      zh: `填报内容有误：${issues.map((i) => `${i.path || '/'} ${i.messageZh ?? i.message}`).join('；')}`,
    },
    { path: first.path, details: { issues } },
  );
}
