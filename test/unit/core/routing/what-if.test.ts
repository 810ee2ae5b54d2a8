/** @module Case what-if, pure part: replaying one case with draft rules, the tally of moves, rows and deadline shifts, and the replay window. */
import { describe, expect, it } from 'vitest';
import type { RoutingTable, SlaPolicy } from '../../../../schemas/types.gen.ts';
import { compileRouting, routeCase } from '../../../../engine/core/routing/routing.ts';
import {
  type CaseReplay,
  createWhatIfTally,
  decideRouting,
  mapDayIntoPeriod,
  nextCaseCursor,
  replayCase,
  replayWindow,
  routingRowNote,
  type WhatIfCase,
  type WhatIfRules,
} from '../../../../engine/core/routing/what-if.ts';
import { cn2026, fullCaseRuleSet } from './cases-seed.ts';

/** The seed rules, optionally with one row's lead unit and one SLA limit changed. */
function rulesOf(
  change: { rowId?: string; leadUnit?: string; normalHandleDays?: number; validFrom?: string } = {},
): WhatIfRules {
  const ruleSet = structuredClone(fullCaseRuleSet());
  const table = ruleSet.documents.find((d) => d.kind === 'routingTable') as RoutingTable;
  if (change.rowId) {
    const row = (table.table as { rules: { id: string; outputs: unknown[] }[] }).rules.find(
      (r) => r.id === change.rowId,
    )!;
    if (change.validFrom === undefined) row.outputs[0] = change.leadUnit;
    else {
      // A copy of the row that applies from `validFrom` on, placed first.
      const rules = (table.table as { rules: Record<string, unknown>[] }).rules;
      rules.unshift({
        ...row,
        id: `${row.id}-new`,
        outputs: [change.leadUnit, ...row.outputs.slice(1)],
        validFrom: change.validFrom,
      });
    }
  }
  const policies = ruleSet.documents.filter((d): d is SlaPolicy => d.kind === 'slaPolicy');
  if (change.normalHandleDays !== undefined) {
    const normal = policies
      .find((p) => p.id === 'sla-standard')!
      .limits.find((l) => l.priority === 'normal')!;
    normal.handle = { amount: change.normalHandleDays, unit: 'workingDays' };
  }
  const calendar = cn2026();
  return {
    routing: compileRouting(ruleSet),
    policies: new Map(policies.map((p) => [p.id, p])),
    calendars: new Map([[calendar.id, calendar]]),
    defaultCalendar: calendar,
  };
}

const published = rulesOf();

/** A stored case as the published rules routed it at `receivedAt`. */
function storedCase(
  input: WhatIfCase['input'],
  receivedAt: string,
  extra: Partial<WhatIfCase> = {},
): WhatIfCase {
  const replay = replayCase({
    case: {
      caseId: 'x',
      number: 'x',
      category: input.category,
      receivedAt,
      input,
      stored: {
        leadUnitId: '',
        priority: 'normal',
        slaPolicyId: 'sla-standard',
        routingTableId: null,
        rowId: null,
        isFallback: false,
      },
    },
    oldRules: published,
    draft: published,
    at: receivedAt,
  });
  return {
    caseId: `case-${input.category}-${receivedAt}`,
    number: '2026-000001',
    category: input.category,
    receivedAt,
    input,
    stored: replay.to,
    ...extra,
  };
}

const noise = {
  category: 'environment.noise',
  channel: 'hotline',
  text: '楼下工地夜间打桩施工噪音很大',
  streetId: 'street-xinhua',
};
const vending = {
  category: 'urban.street-vending',
  channel: 'web',
  text: '路口有流动摊贩占道经营',
  streetId: 'street-xinhua',
};
const at = '2026-05-11T01:00:00.000Z';

describe('decideRouting', () => {
  it('decides exactly as routeCase does, without the trace', () => {
    const table = published.routing.tables[0]!.doc.table as {
      tests?: { input: { case: Record<string, unknown> } }[];
    };
    const inputs: WhatIfCase['input'][] = (table.tests ?? []).map((t) => t.input.case as WhatIfCase['input']);
    const categories = [...published.routing.categories.keys()];
    const texts = [noise.text, vending.text, '闻到煤气味，怀疑燃气泄漏', '工厂机器轰鸣', '咨询政策', ''];
    const channels = ['hotline', 'web', 'police110', 'cityTransfer', 'grid'];
    categories.forEach((category, i) => {
      for (const [k, text] of texts.entries())
        inputs.push({
          category,
          text,
          channel: channels[(i + k) % channels.length]!,
          requesterType: k % 2 === 0 ? 'citizen' : 'enterprise',
          streetId: k % 3 === 0 ? 'street-xinhua' : 'street-dongcheng',
        });
    });
    inputs.push({ category: 'no.such-category', text: '' });
    expect(inputs.length).toBeGreaterThan(250);
    const seen = new Set<string>();
    for (const input of inputs) {
      const full = routeCase(published.routing, input, { asOf: '2026-05-11' });
      const fast = decideRouting(published.routing, input, '2026-05-11');
      expect(fast).toEqual({
        leadUnitId: full.leadUnitId,
        priority: full.priority,
        slaPolicyId: full.slaPolicyId,
        routingTableId: full.routingTableId ?? null,
        rowId: full.rowId ?? null,
        isFallback: full.isFallback,
      });
      seen.add(String(fast.rowId));
    }
    // The inputs reach many rows, and the fallback.
    expect(seen.size).toBeGreaterThan(30);
    expect(seen.has('null')).toBe(true);
  });
});

describe('replayCase', () => {
  it('finds no difference when the draft routes and times the case as stored', () => {
    const c = storedCase(noise, at);
    const r = replayCase({ case: c, oldRules: published, draft: published, at });
    expect(r.isMoved).toBe(false);
    expect(r.to).toEqual(c.stored);
    expect(r.deadline).toMatchObject({
      direction: 'same',
      shiftWorkingMinutes: 0,
      shiftMinutes: 0,
      basis: 'receipt',
    });
  });

  it('moves a case whose deciding row now names another lead unit', () => {
    const c = storedCase(noise, at);
    expect(c.stored).toMatchObject({
      leadUnitId: 'dept-housing-construction',
      rowId: 'r-noise-construction',
    });
    const draft = rulesOf({ rowId: 'r-noise-construction', leadUnit: 'dept-urban-management' });
    const r = replayCase({ case: c, oldRules: published, draft, at });
    expect(r.isMoved).toBe(true);
    expect(r.to).toMatchObject({ leadUnitId: 'dept-urban-management', rowId: 'r-noise-construction' });
  });

  it('moves a deadline by the working time a longer limit adds, over the calendar', () => {
    // Received Thursday 30 April 16:00: the Labour Day holiday (1–5 May) and the swapped Saturday 9 May count as the calendar says.
    const received = '2026-04-30T08:00:00.000Z';
    const c = storedCase(vending, received);
    expect(c.stored).toMatchObject({ priority: 'normal', slaPolicyId: 'sla-standard' });
    const r = replayCase({ case: c, oldRules: published, draft: rulesOf({ normalHandleDays: 7 }), at });
    const cal = cn2026();
    expect(r.deadline!.old).toBe(cal.toLocalIso(cal.addWorkingDays(received, 5)));
    expect(r.deadline!.new).toBe(cal.toLocalIso(cal.addWorkingDays(received, 7)));
    expect(r.deadline!.shiftWorkingMinutes).toBe(2 * 7 * 60);
    expect(r.deadline!.direction).toBe('later');
    const shorter = replayCase({ case: c, oldRules: published, draft: rulesOf({ normalHandleDays: 4 }), at });
    expect(shorter.deadline).toMatchObject({ direction: 'earlier', shiftWorkingMinutes: -7 * 60 });
  });

  it('counts from the case’s own handle timer, with its extension, when it was dispatched', () => {
    const c = storedCase(vending, at, {
      handleTimer: {
        name: 'handle',
        status: 'running',
        run: 1,
        startedAt: '2026-05-11T03:00:00.000Z',
        pauses: [],
        extensions: [{ amount: 1, unit: 'workingDays', at: '2026-05-12T03:00:00.000Z' }],
      },
    });
    const r = replayCase({ case: c, oldRules: published, draft: rulesOf({ normalHandleDays: 7 }), at });
    // 11:00 on Monday 11 May + 5 (+1 extension) working days = Tuesday 19 May; with 7: Thursday 21 May.
    expect(r.deadline).toMatchObject({
      basis: 'timer',
      old: '2026-05-19T11:00:00+08:00',
      new: '2026-05-21T11:00:00+08:00',
      shiftWorkingMinutes: 14 * 60,
    });
  });

  it('reports a deadline it cannot compute instead of failing the case', () => {
    const c = storedCase(vending, at);
    const draft = rulesOf();
    draft.policies = new Map([...draft.policies].filter(([id]) => id !== 'sla-standard'));
    const r = replayCase({ case: c, oldRules: published, draft, at });
    expect(r.deadline).toBeNull();
    expect(r.deadlineError?.code).toBe('whatIf.unknown_sla_policy');
  });
});

describe('createWhatIfTally', () => {
  const replay = (over: {
    from: string;
    to: string;
    category?: string;
    fromRow?: string | null;
    toRow?: string | null;
    shift?: number;
  }): CaseReplay => {
    const decision = (unit: string, row: string | null) => ({
      leadUnitId: unit,
      priority: 'normal',
      slaPolicyId: 'sla-standard',
      routingTableId: row === null ? null : 't',
      rowId: row,
      isFallback: row === null,
    });
    const shift = over.shift ?? 0;
    return {
      case: { caseId: 'c', number: 'n', category: over.category ?? 'a', receivedAt: at },
      from: decision(over.from, over.fromRow === undefined ? 'r1' : over.fromRow),
      to: decision(over.to, over.toRow === undefined ? 'r1' : over.toRow),
      isMoved: over.from !== over.to,
      routingDay: '2026-05-11',
      isDayMapped: false,
      deadline: {
        basis: 'receipt',
        old: '2026-05-18T09:00:00+08:00',
        new: '2026-05-18T09:00:00+08:00',
        shiftWorkingMinutes: shift,
        shiftMinutes: shift,
        direction: shift < 0 ? 'earlier' : shift > 0 ? 'later' : 'same',
      },
    };
  };

  it('groups moves by units, category and rows, most first, and sums deadline shifts', () => {
    const tally = createWhatIfTally({ keepChanged: 2 });
    tally.add(replay({ from: 'u1', to: 'u2', shift: 120 }));
    tally.add(replay({ from: 'u1', to: 'u3', category: 'b', fromRow: 'r1', toRow: 'r2' }));
    tally.add(replay({ from: 'u1', to: 'u3', category: 'b', fromRow: 'r1', toRow: 'r2', shift: -360 }));
    tally.add(replay({ from: 'u4', to: 'u4', fromRow: null, toRow: 'r5' }));
    tally.add(replay({ from: 'u5', to: 'u5' }));
    const r = tally.result();
    expect(r).toMatchObject({ cases: 5, moved: 3, differentRow: 3, fallbackBefore: 1, fallbackAfter: 0 });
    expect(r.moves).toEqual([
      { fromUnitId: 'u1', toUnitId: 'u3', category: 'b', fromRowId: 'r1', toRowId: 'r2', count: 2 },
      { fromUnitId: 'u1', toUnitId: 'u2', category: 'a', fromRowId: 'r1', toRowId: 'r1', count: 1 },
    ]);
    expect(r.rowChanges).toEqual([
      { fromTableId: 't', fromRowId: 'r1', toTableId: 't', toRowId: 'r2', count: 2, moved: 2 },
      { fromTableId: 't', fromRowId: 'r1', toTableId: 't', toRowId: 'r1', count: 1, moved: 1 },
      { fromTableId: null, fromRowId: null, toTableId: 't', toRowId: 'r5', count: 1, moved: 0 },
    ]);
    expect(r.deadlines).toEqual({
      timer: 'handle',
      earlier: 1,
      later: 1,
      same: 3,
      notComputed: 0,
      meanShiftWorkingHours: -2,
      maxShiftWorkingHours: -6,
      meanShiftHours: -2,
      maxShiftHours: -6,
    });
    expect(r.changed).toHaveLength(2);
    expect(r.isChangedTruncated).toBe(true);
  });

  it('sums nothing for no cases', () => {
    const r = createWhatIfTally().result();
    expect(r).toMatchObject({ cases: 0, moved: 0, moves: [], rowChanges: [], changed: [] });
    expect(r.deadlines).toMatchObject({ same: 0, meanShiftWorkingHours: 0, maxShiftWorkingHours: 0 });
  });
});

describe('replayWindow', () => {
  it('goes back whole calendar months to the same instant, clamped to the month’s end', () => {
    expect(replayWindow('2026-05-11T01:00:00.000Z', 3)).toEqual({
      months: 3,
      from: '2026-02-11T01:00:00.000Z',
      to: '2026-05-11T01:00:00.000Z',
      before: '2026-05-11T01:00:00.001Z',
    });
    expect(replayWindow('2026-05-31T10:00:00.000Z', 3).from).toBe('2026-02-28T10:00:00.000Z');
    expect(replayWindow('2027-01-10T00:00:00.000Z', 24).from).toBe('2025-01-10T00:00:00.000Z');
  });

  it('refuses months outside 1–24', () => {
    for (const months of [0, 25, 1.5])
      expect(() => replayWindow('2026-05-11T01:00:00.000Z', months)).toThrow(
        expect.objectContaining({ code: 'whatIf.bad_months' }),
      );
  });
});

describe('routingRowNote', () => {
  it('gives a row’s annotation, or undefined for the fallback and unknown rows', () => {
    const tableId = published.routing.tables[0]!.doc.id;
    expect(routingRowNote(published.routing, tableId, 'r-gas-danger')).toBe(
      '燃气泄漏等险情：燃气公司主办、应急管理局协办，紧急',
    );
    expect(routingRowNote(published.routing, null, null)).toBeUndefined();
    expect(routingRowNote(published.routing, tableId, 'no-such-row')).toBeUndefined();
  });
});

describe('nextCaseCursor', () => {
  /** Pages a list ordered newest first the way the repository does (createdAt desc, number desc). */
  function pageAll(createdAts: string[], size: number): string[] {
    const all = createdAts
      .map((createdAt, i) => ({ createdAt, number: String(i).padStart(4, '0') }))
      .sort((a, b) =>
        a.createdAt === b.createdAt ? b.number.localeCompare(a.number) : a.createdAt < b.createdAt ? 1 : -1,
      );
    const read: string[] = [];
    let cursor = { before: '2026-12-31T00:00:00.000Z', skip: 0 };
    for (let guard = 0; guard < 100; guard++) {
      const page = all.filter((c) => c.createdAt < cursor.before).slice(cursor.skip, cursor.skip + size);
      read.push(...page.map((c) => c.number));
      if (page.length < size) return read;
      cursor = nextCaseCursor(cursor, page);
    }
    throw new Error('paging did not end');
  }

  it('reads every case once when pages end inside a run of equal instants', () => {
    const at = (m: number) => `2026-05-01T00:${String(m).padStart(2, '0')}:00.000Z`;
    // Nine cases in the same instant span three pages of four.
    const times = [at(1), at(2), ...Array.from({ length: 9 }, () => at(3)), at(4), at(5)];
    const read = pageAll(times, 4);
    expect(read).toHaveLength(times.length);
    expect(new Set(read).size).toBe(times.length);
  });

  it('starts each page after the previous page’s last instant', () => {
    const page = [{ createdAt: '2026-05-03T00:00:00.000Z' }, { createdAt: '2026-05-02T00:00:00.000Z' }];
    expect(nextCaseCursor({ before: '2026-05-10T00:00:00.000Z', skip: 0 }, page)).toEqual({
      before: '2026-05-02T00:00:00.001Z',
      skip: 1,
    });
  });
});

describe('across years', () => {
  it('maps a day outside the period to the same month and day in it', () => {
    const next = { from: '2027-01-01', to: '2027-12-31' };
    expect(mapDayIntoPeriod('2026-05-11', next)).toBe('2027-05-11');
    expect(mapDayIntoPeriod('2027-03-01', next)).toBe('2027-03-01');
    expect(mapDayIntoPeriod('2028-02-29', next)).toBe('2027-02-28');
    expect(mapDayIntoPeriod('2028-02-29', { from: '2032-01-01', to: '2032-12-31' })).toBe('2032-02-29');
  });

  it('routes last year’s case with rows valid next year and times it on the calendar it was timed on', () => {
    const c = storedCase(vending, at);
    const next = rulesOf({
      rowId: c.stored.rowId!,
      leadUnit: 'dept-urban-management',
      validFrom: '2027-01-01',
      normalHandleDays: 7,
    });
    // Without the period the new row does not apply yet on the receipt day.
    const plain = replayCase({ case: c, oldRules: published, draft: next, at });
    expect(plain).toMatchObject({ isMoved: false, isDayMapped: false, routingDay: '2026-05-11' });
    const mapped = replayCase({
      case: c,
      oldRules: published,
      draft: next,
      at,
      draftPeriod: { from: '2027-01-01', to: '2027-12-31' },
    });
    expect(mapped).toMatchObject({ isMoved: true, isDayMapped: true, routingDay: '2027-05-11' });
    expect(mapped.to.leadUnitId).toBe('dept-urban-management');
    // 5 → 7 working days on the 2026 calendar the case was timed on: 14 office hours later.
    expect(mapped.deadline).toMatchObject({
      old: '2026-05-18T09:00:00+08:00',
      new: '2026-05-20T09:00:00+08:00',
      shiftWorkingMinutes: 14 * 60,
    });
    const tally = createWhatIfTally();
    tally.add(mapped);
    tally.add(plain);
    expect(tally.result().dayMapped).toBe(1);
  });
});
