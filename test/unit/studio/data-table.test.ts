/** @module The studio DataTable's sorting (text, numbers, comparators, blanks last, stable), header cycle and aria-sort; and the shared common.* messages every page's lookups know. */
import { afterEach, describe, expect, it } from 'vitest';
import type { SortableColumn } from '../../../studio/components/data-table-model.ts';
import { ariaSort, nextSort, sortRows } from '../../../studio/components/data-table-model.ts';
import { pageMessages, setLocale, t } from '../../../studio/i18n/index.ts';

interface Row {
  name: string;
  score?: number | null;
  code: string;
}

const rows: Row[] = [
  { name: '乙', score: 80, code: 'U10' },
  { name: 'Alpha', score: null, code: 'U2' },
  { name: '甲', score: 95.5, code: 'U1' },
  { name: 'beta', score: 80, code: 'U3' },
];
const columns: SortableColumn<Row>[] = [
  { key: 'name' },
  { key: 'score', sort: 'number' },
  { key: 'code', sort: 'text' },
  { key: 'len', sort: (a, b) => a.name.length - b.name.length },
];

afterEach(() => setLocale('zh-CN'));

describe('DataTable sorting', () => {
  it('leaves rows as they are when nothing sorts or the column does not sort', () => {
    expect(sortRows(rows, columns, undefined)).toBe(rows);
    expect(sortRows(rows, columns, { key: 'name', direction: 'ascending' })).toBe(rows);
  });

  it('sorts numbers by value, blanks last both ways, ties in their order', () => {
    const up = sortRows(rows, columns, { key: 'score', direction: 'ascending' }).map((r) => r.code);
    expect(up).toEqual(['U10', 'U3', 'U1', 'U2']);
    const down = sortRows(rows, columns, { key: 'score', direction: 'descending' }).map((r) => r.code);
    expect(down).toEqual(['U1', 'U10', 'U3', 'U2']);
  });

  it('sorts text with numbers inside by value', () => {
    const codes = sortRows(rows, columns, { key: 'code', direction: 'ascending' }).map((r) => r.code);
    expect(codes).toEqual(['U1', 'U2', 'U3', 'U10']);
  });

  it('uses a comparator, reversed when descending', () => {
    const names = sortRows(rows, columns, { key: 'len', direction: 'descending' }).map((r) => r.name);
    expect(names).toEqual(['Alpha', 'beta', '乙', '甲']);
  });

  it('does not change the rows it is given', () => {
    const before = rows.map((r) => r.code);
    sortRows(rows, columns, { key: 'code', direction: 'descending' });
    expect(rows.map((r) => r.code)).toEqual(before);
  });

  it('cycles a header ascending → descending → ascending and reports aria-sort', () => {
    const first = nextSort(undefined, 'score');
    expect(first).toEqual({ key: 'score', direction: 'ascending' });
    const second = nextSort(first, 'score');
    expect(second).toEqual({ key: 'score', direction: 'descending' });
    expect(nextSort(second, 'score').direction).toBe('ascending');
    expect(nextSort(second, 'code')).toEqual({ key: 'code', direction: 'ascending' });
    expect(ariaSort(second, 'score')).toBe('descending');
    expect(ariaSort(second, 'code')).toBe('none');
    expect(ariaSort(undefined, 'code')).toBe('none');
  });
});

describe('shared messages', () => {
  it('are defined once and known to every page lookup', () => {
    const page = pageMessages({ 'x.title': '标题' }, { 'x.title': 'Title' });
    expect(page.text('common.loading')).toBe('正在加载…');
    expect(page.text('x.title')).toBe('标题');
    expect(page.textOr('other.key', 'fallback')).toBe('fallback');
    setLocale('en');
    expect(page.text('common.loading')).toBe(t('common.loading'));
    expect(page.text('common.loading')).toBe('Loading…');
    expect(page.text('common.error', { message: 'boom' })).toBe('Error: boom');
  });
});
