/** @module Entry values validated as the client does: the form's JSON Schema with Chinese messages and JSON-pointer paths, computed fields, cross-field checks; one 400 naming every field. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../engine/core/errors.ts';
import { invalidEntry, validateEntryValues } from '../../../../engine/core/performance/entry-values.ts';
import { compilePerformanceModel } from '../../../../engine/core/scoring/model.ts';
import { fixtureRuleSet } from '../scoring/performance-fixture.ts';

const model = compilePerformanceModel(fixtureRuleSet());
const doneForm = model.leafById.get('a')!.form!;

describe('validateEntryValues', () => {
  it('accepts values valid against the schema and the checks', () => {
    expect(validateEntryValues(doneForm, { done: 420 })).toEqual([]);
  });

  it('names a missing required field by its own path, in English and Chinese', () => {
    const issues = validateEntryValues(doneForm, {});
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: '/done', messageZh: '必填项' });
    expect(issues[0]!.message).toBeTruthy();
  });

  it('gives the limit a value broke in the Chinese message', () => {
    const [issue] = validateEntryValues(doneForm, { done: -1 });
    expect(issue).toMatchObject({ path: '/done', messageZh: '数值过小（限值 0）' });
  });

  it('runs the cross-field checks only once the schema accepts the values', () => {
    expect(validateEntryValues(doneForm, { done: 1001 })).toEqual([
      { path: '/done', code: 'entry.check', message: 'Too large', messageZh: '过大', severity: 'error' },
    ]);
  });
});

describe('invalidEntry', () => {
  it('is a 400 entry.invalid at the first issue, listing every issue in both languages', () => {
    const error = invalidEntry([
      { path: '/done', code: 'x', message: 'is required', messageZh: '必填项', severity: 'error' },
      { path: '', code: 'y', message: 'bad', severity: 'error' },
    ]);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('entry.invalid');
    expect(error.path).toBe('/done');
    expect(error.message).toContain('/done is required; / bad');
    expect((error.details as { issues: unknown[] }).issues).toHaveLength(2);
  });
});
