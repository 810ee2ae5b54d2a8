/** @module Which renderer of our set wins for a given schema / UI schema pair (pure, no DOM). */
import type { JsonSchema, UISchemaElement } from '@jsonforms/core';
import { rankWith, uiTypeIs } from '@jsonforms/core';
import { describe, expect, it } from 'vitest';
import { namedEntries, pickRenderer, rendererNameFor } from '../../../studio/forms/testers.ts';

const control = (name: string, options?: Record<string, unknown>): UISchemaElement =>
  ({ type: 'Control', scope: `#/properties/${name}`, ...(options ? { options } : {}) }) as UISchemaElement;

const schema: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    note: { type: 'string' },
    count: { type: 'integer' },
    rate: { type: 'number' },
    done: { type: 'boolean' },
    kind: { type: 'string', enum: ['a', 'b'] },
    level: {
      type: 'string',
      oneOf: [
        { const: 'g', title: 'Green' },
        { const: 'r', title: 'Red' },
      ],
    },
    day: { type: 'string', format: 'date' },
    at: { type: 'string', format: 'date-time' },
    leader: { type: 'object', properties: { name: { type: 'string' } } },
    rows: { type: 'array', items: { type: 'object', properties: { place: { type: 'string' } } } },
    tags: { type: 'array', items: { type: 'string' } },
    ref: { $ref: '#/definitions/row' },
  },
  definitions: { row: { type: 'object', properties: { x: { type: 'number' } } } },
};

describe('the renderer registry', () => {
  it('picks the plain type renderer for string, integer, number and boolean controls', () => {
    expect(rendererNameFor(control('name'), schema)).toBe('string');
    expect(rendererNameFor(control('count'), schema)).toBe('integer');
    expect(rendererNameFor(control('rate'), schema)).toBe('number');
    expect(rendererNameFor(control('done'), schema)).toBe('boolean');
  });

  it('prefers the textarea for a string control with the multi option', () => {
    expect(rendererNameFor(control('note', { multi: true }), schema)).toBe('textarea');
    expect(rendererNameFor(control('note', { multi: false }), schema)).toBe('string');
  });

  it('prefers enum and oneOf selects over the string renderer', () => {
    expect(rendererNameFor(control('kind'), schema)).toBe('enum');
    expect(rendererNameFor(control('level'), schema)).toBe('oneOfEnum');
  });

  it('prefers date and date-time inputs for formatted strings, also via the format option', () => {
    expect(rendererNameFor(control('day'), schema)).toBe('date');
    expect(rendererNameFor(control('at'), schema)).toBe('dateTime');
    expect(rendererNameFor(control('name', { format: 'date' }), schema)).toBe('date');
  });

  it('renders objects with the object renderer, also behind a $ref', () => {
    expect(rendererNameFor(control('leader'), schema)).toBe('object');
    expect(rendererNameFor(control('ref'), schema)).toBe('object');
  });

  it('renders an array of objects as a table and has no renderer for an array of strings', () => {
    expect(rendererNameFor(control('rows'), schema)).toBe('objectArray');
    expect(rendererNameFor(control('tags'), schema)).toBeUndefined();
  });

  it('maps each layout type to its renderer', () => {
    for (const [type, name] of [
      ['VerticalLayout', 'verticalLayout'],
      ['HorizontalLayout', 'horizontalLayout'],
      ['Group', 'group'],
      ['Categorization', 'categorization'],
      ['Label', 'label'],
    ] as const) {
      expect(rendererNameFor({ type, elements: [] } as UISchemaElement, schema)).toBe(name);
    }
    expect(rendererNameFor({ type: 'Unknown' } as UISchemaElement, schema)).toBeUndefined();
  });

  it('has no renderer for a control whose scope does not resolve', () => {
    expect(rendererNameFor(control('missing'), schema)).toBeUndefined();
  });

  it('lets a higher-ranked custom entry win and keeps the first entry on equal ranks', () => {
    const custom = { tester: rankWith(10, uiTypeIs('Group')), renderer: 'customGroup' };
    const context = { rootSchema: schema, config: {} };
    const group = { type: 'Group', elements: [] } as UISchemaElement;
    expect(pickRenderer<string>([...namedEntries, custom], group, schema, context)).toBe('customGroup');
    const tie = { tester: rankWith(1, uiTypeIs('Group')), renderer: 'late' };
    expect(pickRenderer<string>([...namedEntries, tie], group, schema, context)).toBe('group');
  });

  it('picks the unit pickers for strings of format baton-unit and arrays of them, over the string and enum renderers', () => {
    const units: JsonSchema = {
      type: 'object',
      properties: {
        lead: { type: 'string', format: 'baton-unit', title: '主办单位' },
        helpers: { type: 'array', items: { type: 'string', format: 'baton-unit' } },
        chosen: { type: 'string', format: 'baton-unit', enum: ['a', 'b'] },
        note: { type: 'string', format: 'email' },
      },
    };
    expect(rendererNameFor(control('lead'), units)).toBe('unit');
    expect(rendererNameFor(control('chosen'), units)).toBe('unit');
    expect(rendererNameFor(control('helpers'), units)).toBe('unitList');
    expect(rendererNameFor(control('note'), units)).toBe('string');
    expect(rendererNameFor(control('tags'), schema)).toBeUndefined();
  });
});
