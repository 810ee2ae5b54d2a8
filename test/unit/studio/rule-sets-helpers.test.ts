/** @module Pure helpers of the rule-set and audit pages: JSON pointer positions, sub-routes, diff grouping and colours, audit day bounds, dictionaries. */
import { describe, expect, it } from 'vitest';
import { dayBoundary, knownActions } from '../../../studio/pages/audit/audit-filters.ts';
import {
  jsonPointerOffsets,
  lineAndColumn,
  lineOfPointer,
  syntaxErrorOffset,
} from '../../../studio/pages/rule-sets/json-positions.ts';
import {
  changeTone,
  editorPath,
  groupByDocument,
  parseRuleSetPath,
  reviewPath,
  shortHash,
} from '../../../studio/pages/rule-sets/helpers.ts';
import { en } from '../../../studio/i18n/en.ts';
import { zhCN } from '../../../studio/i18n/zh-CN.ts';
import { DOCUMENT_KINDS, kindLabel } from '../../../engine/core/ruleset/kinds/registry.ts';

const doc = {
  kind: 'indicator',
  id: 'ind-a',
  name: { en: 'A', zh: '甲' },
  weight: 0.4,
  'odd/key': [1, { deep: true }],
};
const text = `${JSON.stringify(doc, null, 2)}\n`;

describe('JSON pointer positions in the editor text', () => {
  it('finds the line of every value, escaping / and ~ in keys as JSON pointers do', () => {
    const offsets = jsonPointerOffsets(text);
    expect(lineOfPointer(text, offsets, '')).toBe(1);
    expect(lineOfPointer(text, offsets, '/kind')).toBe(2);
    expect(lineOfPointer(text, offsets, '/name/zh')).toBe(6);
    expect(lineOfPointer(text, offsets, '/weight')).toBe(8);
    expect(lineOfPointer(text, offsets, '/odd~1key/1/deep')).toBe(12);
  });

  it('falls back to the nearest existing parent for a missing property', () => {
    const offsets = jsonPointerOffsets(text);
    expect(lineOfPointer(text, offsets, '/name/fr')).toBe(lineOfPointer(text, offsets, '/name'));
    expect(lineOfPointer(text, offsets, '/')).toBe(1);
  });

  it('gives no positions for text that is not JSON', () => {
    expect(jsonPointerOffsets('{"a": ').size).toBe(0);
  });

  it('finds the line and column of the first syntax error, and none in valid JSON', () => {
    const broken = '{\n  "a": 1,\n  "b": \n}';
    const offset = syntaxErrorOffset(broken);
    expect(offset).toBeDefined();
    expect(lineAndColumn(broken, offset!)).toEqual({ line: 4, column: 1 });
    expect(lineAndColumn('{"a": tru}', syntaxErrorOffset('{"a": tru}')!).line).toBe(1);
    expect(syntaxErrorOffset('{"a": [1, 2,]}')).toBe(12);
    expect(syntaxErrorOffset('{"a": 1} x')).toBe(9);
    expect(syntaxErrorOffset('"\\q"')).toBeDefined();
    for (const valid of [text, '[]', '{}', '-0.5e+3', '"\\u00e9\\n"', 'null', ' [true, false] ']) {
      expect(syntaxErrorOffset(valid), valid).toBeUndefined();
    }
  });
});

describe('rule-set sub-routes', () => {
  it('round-trips editor and review paths, including ids that need encoding', () => {
    expect(parseRuleSetPath(editorPath('district-2026', 3))).toEqual({
      id: 'district-2026',
      n: 3,
      view: 'editor',
    });
    expect(parseRuleSetPath(reviewPath('a b/c', 12))).toEqual({ id: 'a b/c', n: 12, view: 'review' });
    expect(parseRuleSetPath('/rule-sets')).toBeUndefined();
    expect(parseRuleSetPath('/rule-sets/x/notanumber')).toBeUndefined();
  });

  it('shortens hashes to eight hex digits and shows a dash for none', () => {
    expect(shortHash('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe('e3b0c442');
    expect(shortHash(null)).toBe('—');
  });
});

describe('semantic diff presentation', () => {
  it('colours additions green, removals red and everything else as a change', () => {
    expect(['added', 'fieldAdded', 'rowAdded', 'transitionAdded'].map(changeTone)).toEqual([
      'added',
      'added',
      'added',
      'added',
    ]);
    expect(['removed', 'stateRemoved'].map(changeTone)).toEqual(['removed', 'removed']);
    expect(['renamed', 'reweighted', 'ruleChanged', 'changed'].map(changeTone)).toEqual([
      'changed',
      'changed',
      'changed',
      'changed',
    ]);
  });

  it('groups entries by document in first-seen order', () => {
    const summary = { en: 's', zh: '说明' };
    const groups = groupByDocument([
      { kind: 'indicator', documentId: 'a', change: 'renamed', summary },
      { kind: 'form', documentId: 'f', change: 'fieldAdded', summary },
      { kind: 'indicator', documentId: 'a', change: 'reweighted', before: 0.4, after: 0.5, summary },
    ]);
    expect(groups.map((g) => [g.key, g.entries.map((e) => e.change)])).toEqual([
      ['indicator/a', ['renamed', 'reweighted']],
      ['form/f', ['fieldAdded']],
    ]);
  });
});

describe('audit filters and dictionaries', () => {
  it('turns a date filter into the start and end instants of that local day', () => {
    const start = dayBoundary('2026-03-01', 'start')!;
    const end = dayBoundary('2026-03-01', 'end')!;
    expect(new Date(end).getTime() - new Date(start).getTime()).toBe(24 * 3600 * 1000 - 1);
    expect(dayBoundary('', 'start')).toBeUndefined();
    expect(dayBoundary('2026-13-45', 'end')).toBeUndefined();
    expect(dayBoundary('2026-02-30', 'start')).toBeUndefined();
  });

  it("bounds the filter's day on the district's clocks, whatever the browser's zone", () => {
    expect(dayBoundary('2026-03-01', 'start', 'Asia/Shanghai')).toBe('2026-03-01T00:00:00+08:00');
    expect(dayBoundary('2026-03-01', 'end', 'Asia/Shanghai')).toBe('2026-03-01T15:59:59.999Z');
    // A day with a clock change is 23 hours long.
    const start = dayBoundary('2026-03-08', 'start', 'America/New_York')!;
    const end = dayBoundary('2026-03-08', 'end', 'America/New_York')!;
    expect(Date.parse(end) - Date.parse(start)).toBe(23 * 3600 * 1000 - 1);
  });

  it('names every audit action, change type, status and document kind in both languages', () => {
    const keys = [
      ...knownActions.map((a) => `audit.action.${a}`),
      ...['draft', 'inReview', 'approved', 'published', 'archived'].map((s) => `ruleSets.status.${s}`),
      ...[
        'added',
        'removed',
        'moved',
        'reweighted',
        'renamed',
        'ruleChanged',
        'targetChanged',
        'changed',
      ].map((c) => `review.change.${c}`),
    ];
    for (const key of keys) {
      expect((zhCN as Record<string, string>)[key], key).toBeTruthy();
      expect((en as Record<string, string>)[key], key).toBeTruthy();
    }
    // Document kinds are named by the engine's kind registry, the one list the studio shows.
    for (const kind of [
      'unit',
      'indicator',
      'form',
      'scoringRule',
      'routingTable',
      'workflow',
      'slaPolicy',
      'lightRule',
      'pluginBinding',
      ...DOCUMENT_KINDS,
    ]) {
      expect(kindLabel(kind, 'zh'), kind).not.toBe(kind);
      expect(kindLabel(kind, 'zh'), kind).toBeTruthy();
      expect(kindLabel(kind, 'en'), kind).not.toBe(kind);
      expect(kindLabel(kind, 'en'), kind).toBeTruthy();
    }
  });
});
