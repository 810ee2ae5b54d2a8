/** @module Role-aware navigation and the Chinese/English ajv error messages of the renderer set (pure). */
import type { Translator } from '@jsonforms/core';
import { createAjv } from '@jsonforms/core';
import { describe, expect, it } from 'vitest';
import { createErrorTranslator } from '../../../studio/forms/i18n.ts';
import { en } from '../../../studio/i18n/en.ts';
import { zhCN } from '../../../studio/i18n/zh-CN.ts';
import { navFor } from '../../../studio/nav.ts';

const translatorFor = (dict: Record<string, string>, extra: Record<string, string> = {}): Translator =>
  ((id: string, fallback?: string) => extra[id] ?? dict[id] ?? fallback) as Translator;

const errorsFor = (schema: object, data: unknown) => {
  const validate = createAjv().compile(schema);
  validate(data);
  return validate.errors ?? [];
};

describe('navigation by role', () => {
  it('gives admins the design pages and the form playground', () => {
    expect(navFor(['admin']).map((i) => i.id)).toEqual([
      'ruleSets',
      'indicators',
      'formDesigner',
      'scoringRules',
      'whatIf',
      'dashboard',
      'amendments',
      'units',
      'users',
      'audit',
      'caseConfig',
      'formPlayground',
      'plugins',
    ]);
  });

  it('gives dispatchers and supervisors cases and units, unit users their forms and cases', () => {
    expect(navFor(['dispatcher']).map((i) => i.id)).toEqual(['cases', 'units']);
    expect(navFor(['supervisor']).map((i) => i.id)).toEqual(['dashboard', 'cases', 'units']);
    expect(navFor(['unit']).map((i) => i.id)).toEqual(['myForms', 'cases', 'formPlayground']);
    expect(navFor(['reviewer']).map((i) => i.id)).toEqual(['reviews']);
  });

  it('marks the auditor’s pages read-only unless another role grants them fully', () => {
    const auditor = navFor(['auditor']);
    expect(auditor.map((i) => [i.id, i.isReadOnly])).toEqual([
      ['ruleSets', true],
      ['whatIf', true],
      ['dashboard', true],
      ['users', true],
      ['audit', true],
      ['plugins', true],
    ]);
    expect(navFor(['auditor', 'admin']).find((i) => i.id === 'ruleSets')?.isReadOnly).toBe(false);
    expect(navFor(['citizen'])).toEqual([]);
  });
});

describe('form error messages', () => {
  const schema = {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string' },
      rate: { type: 'number', minimum: 0, maximum: 100 },
      day: { type: 'string', format: 'date' },
      count: { type: 'integer' },
      rows: { type: 'array', minItems: 1 },
      code: { type: 'string', pattern: '^A' },
    },
  };
  const errors = errorsFor(schema, { rate: 150, day: 'soon', count: 1.5, rows: [], code: 'B' });
  const byKeyword = (keyword: string) => errors.find((e) => e.keyword === keyword)!;

  it('speaks Chinese for each ajv keyword with the limits filled in', () => {
    const translate = createErrorTranslator();
    const t = translatorFor(zhCN);
    expect(translate(byKeyword('required'), t)).toBe('此项为必填项');
    expect(translate(byKeyword('maximum'), t)).toBe('不能大于 100');
    expect(translate(byKeyword('format'), t)).toBe('请输入有效的日期');
    expect(translate(byKeyword('type'), t)).toBe('请输入整数');
    expect(translate(byKeyword('minItems'), t)).toBe('至少需要 1 条记录');
    expect(translate(byKeyword('pattern'), t)).toBe('格式不符合要求');
  });

  it('speaks English with the English dictionary', () => {
    const translate = createErrorTranslator();
    const t = translatorFor(en);
    expect(translate(byKeyword('maximum'), t)).toBe('Must be at most 100');
    expect(translate(byKeyword('type'), t)).toBe('Enter a whole number');
  });

  it('prefers a field-specific message keyed by the field path', () => {
    const translate = createErrorTranslator();
    const t = translatorFor(zhCN, { 'code.error.pattern': '编码须以 A 开头' });
    expect(translate(byKeyword('pattern'), t)).toBe('编码须以 A 开头');
  });

  it('falls back to ajv’s message when no dictionary knows the keyword', () => {
    const translate = createErrorTranslator();
    const t = translatorFor({});
    expect(translate(byKeyword('maximum'), t)).toBe(byKeyword('maximum').message);
  });
});
