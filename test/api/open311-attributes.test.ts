/** @module Open311 attribute datatypes and conversions for field kinds the seed forms do not use (multivaluelist, datetime, text), and the public-text mask. */
import { describe, expect, it } from 'vitest';
import { attributeValueOf, parseW3cDatetime } from '../../engine/app/open311/attribute-values.ts';
import { datatypeOf } from '../../engine/app/open311/attributes.ts';
import { redactPublicText } from '../../engine/app/open311/request-view.ts';
import { ValidationError } from '../../engine/core/errors.ts';
import { thrownOf } from '../support/thrown.ts';

const multi = { type: 'array', items: { type: 'string', enum: ['路灯', '井盖', '护栏'] } };
const level = { type: 'integer', enum: [1, 2, 3] };
const when = { type: 'string', format: 'date-time' };

/** The ValidationError `fn` throws. */
const refused = (fn: () => unknown): ValidationError => thrownOf(ValidationError, fn);

describe('Open311 attribute datatypes', () => {
  it('names each JSON Schema field kind by its Open311 datatype', () => {
    expect(datatypeOf(multi)).toBe('multivaluelist');
    expect(datatypeOf(level)).toBe('singlevaluelist');
    expect(datatypeOf({ type: 'boolean' })).toBe('singlevaluelist');
    expect(datatypeOf({ type: 'integer' })).toBe('number');
    expect(datatypeOf({ type: 'number' })).toBe('number');
    expect(datatypeOf(when)).toBe('datetime');
    expect(datatypeOf({ type: 'string', maxLength: 2000 })).toBe('text');
    expect(datatypeOf({ type: 'string' })).toBe('string');
  });

  it('converts a multivaluelist from repeated values, keeping enum order of first mention and dropping repeats', () => {
    expect(attributeValueOf('assets', multi, ['井盖', '路灯', '井盖'])).toEqual(['井盖', '路灯']);
    expect(attributeValueOf('assets', multi, '护栏')).toEqual(['护栏']);
    expect(refused(() => attributeValueOf('assets', multi, ['井盖', '垃圾桶'])).path).toBe(
      '/attribute/assets',
    );
  });

  it('converts a singlevaluelist to the enum value of its type', () => {
    expect(attributeValueOf('level', level, '2')).toBe(2);
    expect(attributeValueOf('flag', { type: 'boolean' }, 'false')).toBe(false);
    expect(attributeValueOf('flag', { type: 'boolean' }, true)).toBe(true);
    refused(() => attributeValueOf('level', level, '4'));
    refused(() => attributeValueOf('flag', { type: 'boolean' }, 'maybe'));
  });

  it('converts numbers and refuses text, non-integers for integers and several values', () => {
    expect(attributeValueOf('n', { type: 'number' }, '2.5')).toBe(2.5);
    expect(attributeValueOf('n', { type: 'number' }, '-1e3')).toBe(-1000);
    expect(attributeValueOf('n', { type: 'integer' }, 7)).toBe(7);
    refused(() => attributeValueOf('n', { type: 'integer' }, '2.5'));
    refused(() => attributeValueOf('n', { type: 'number' }, '12abc'));
    refused(() => attributeValueOf('n', { type: 'number' }, ''));
    refused(() => attributeValueOf('n', { type: 'number' }, ['1', '2']));
  });

  it('accepts W3C datetimes with a zone and refuses others', () => {
    expect(attributeValueOf('at', when, '2026-11-20T09:30:00+08:00')).toBe('2026-11-20T09:30:00+08:00');
    expect(attributeValueOf('at', when, '2026-11-20T01:30Z')).toBe('2026-11-20T01:30Z');
    refused(() => attributeValueOf('at', when, '2026-11-20'));
    refused(() => attributeValueOf('at', when, '2026-11-20T09:30:00'));
    refused(() => attributeValueOf('at', when, '2026-13-40T09:30:00Z'));
    expect(parseW3cDatetime('2026-11-20T09:30:00.123+08:00')?.toISOString()).toBe('2026-11-20T01:30:00.123Z');
  });
});

describe('the public-text mask', () => {
  it('masks phone, id-card and account numbers and e-mail addresses, not short numbers', () => {
    expect(redactPublicText('电话 13800001111，身份证 11010519491231002X')).toBe(
      '电话 ***********，身份证 ******************',
    );
    expect(redactPublicText('call 010-6512 3456 or mail a.b@example.org')).toBe(
      'call ***-**** **** or mail ***@***',
    );
    expect(redactPublicText('和平路 12 号，3 盏路灯，2026 年')).toBe('和平路 12 号，3 盏路灯，2026 年');
  });
});
