/** @module Case routing from the 2026 seed tables: keywords in Chinese text, grid, channel, requester type, fallback, validity dates and trace. */
import { describe, expect, it } from 'vitest';
import type { RoutingTable, RuleSet } from '../../../../schemas/types.gen.ts';
import { RuleError } from '../../../../engine/core/errors.ts';
import { compileRouting, routeCase } from '../../../../engine/core/routing/index.ts';
import { fullCaseRuleSet } from './cases-seed.ts';

const routing = compileRouting(fullCaseRuleSet());
const asOf = '2026-05-12';

describe('routeCase on the seed routing table', () => {
  it.each([
    {
      name: 'sends construction noise found by keywords in the Chinese text to the housing bureau',
      input: {
        category: 'environment.noise',
        streetId: 'street-xinhua',
        channel: 'hotline',
        requesterType: 'citizen',
        text: '隔壁工地凌晨还在打桩，噪音很大',
      },
      expected: {
        leadUnitId: 'dept-housing-construction',
        assistingUnitIds: ['dept-urban-management'],
        priority: 'high',
        slaPolicyId: 'sla-standard',
        ruleSetVersion: 3,
        routingTableId: 'routing-cases-2026',
        rowId: 'r-noise-construction',
        isFallback: false,
      },
    },
    {
      name: 'sends other noise to the street office of the case',
      input: {
        category: 'environment.noise',
        streetId: 'street-binhe',
        channel: 'app',
        text: '楼下广场舞音响太吵',
      },
      expected: {
        leadUnitId: 'street-binhe',
        assistingUnitIds: [],
        priority: 'normal',
        rowId: 'r-noise-binhe',
      },
    },
    {
      name: 'routes noise reported through the 110 linkage channel to the police',
      input: {
        category: 'environment.noise',
        streetId: 'street-binhe',
        channel: 'police110',
        text: '酒吧音乐扰民',
      },
      expected: { leadUnitId: 'dept-public-security', priority: 'high', rowId: 'r-noise-110' },
    },
    {
      name: 'makes a gas case with a leak keyword urgent with the emergency bureau assisting',
      input: { category: 'utilities.gas', channel: 'hotline', text: '楼道里煤气味很重，可能燃气泄漏' },
      expected: {
        leadUnitId: 'tp-gas',
        assistingUnitIds: ['dept-emergency'],
        priority: 'urgent',
        slaPolicyId: 'sla-urgent',
      },
    },
    {
      name: 'leaves a gas case without a leak keyword normal',
      input: { category: 'utilities.gas', channel: 'hotline', text: '燃气表读数不准' },
      expected: { leadUnitId: 'tp-gas', priority: 'normal', rowId: 'r-gas' },
    },
    {
      name: 'routes pollution in an industrial-park grid with the park street assisting',
      input: { category: 'environment.pollution', gridId: 'G-GX-02', channel: 'grid', text: '园区有异味' },
      expected: {
        leadUnitId: 'dept-ecology-environment',
        assistingUnitIds: ['street-gaoxin'],
        priority: 'high',
      },
    },
    {
      name: 'routes pollution outside the industrial parks by the plain pollution row',
      input: { category: 'environment.pollution', gridId: 'G-XH-01', channel: 'grid', text: '河道有垃圾' },
      expected: { rowId: 'r-pollution', priority: 'normal' },
    },
    {
      name: 'routes an enterprise differently from a citizen: the enterprise',
      input: {
        category: 'consult.policy',
        requesterType: 'enterprise',
        channel: 'web',
        text: '咨询稳岗补贴',
      },
      expected: {
        leadUnitId: 'dept-government-services',
        assistingUnitIds: ['dept-development-reform'],
        slaPolicyId: 'sla-consult',
      },
    },
    {
      name: 'routes an enterprise differently from a citizen: the citizen',
      input: {
        category: 'consult.policy',
        requesterType: 'citizen',
        channel: 'hotline',
        text: '咨询社保转移',
      },
      expected: { leadUnitId: 'city-office', priority: 'low', slaPolicyId: 'sla-consult' },
    },
  ])('$name', ({ input, expected }) => {
    expect(routeCase(routing, input, { asOf })).toMatchObject(expected);
  });

  it('falls back to the dispatch centre for manual dispatch when no unit can be decided, and says why', () => {
    const unknown = routeCase(
      routing,
      { category: 'other.unknown', channel: 'hotline', text: '其他问题' },
      { asOf },
    );
    expect(unknown).toMatchObject({
      leadUnitId: 'city-office',
      assistingUnitIds: [],
      priority: 'normal',
      slaPolicyId: 'sla-standard',
      isFallback: true,
    });
    expect(unknown.trace[0]).toMatchObject({ decidedRowId: 'r-manual' });
    const noStreet = routeCase(
      routing,
      { category: 'urban.street-vending', channel: 'web', text: '有人占道摆摊' },
      { asOf },
    );
    expect(noStreet).toMatchObject({ isFallback: true, leadUnitId: 'city-office' });
    expect(noStreet.trace[0]!.decidedRowId).toBe('r-street-vending-nostreet');
  });

  it('traces the inputs, the matched row and why the nearest rows did not match', () => {
    const d = routeCase(
      routing,
      { category: 'environment.noise', streetId: 'street-binhe', channel: 'app', text: '楼下广场舞音响太吵' },
      { asOf },
    );
    const t = d.trace[0]!;
    expect(t.inputs).toMatchObject({
      category: 'environment.noise',
      street: 'street-binhe',
      channel: 'app',
      danger: false,
    });
    expect(t.matched[0]).toMatchObject({ rowId: 'r-noise-binhe', outputs: { leadUnit: 'street-binhe' } });
    const whyNot = t.nearMisses.map((m) => [m.rowId, m.inputId]);
    expect(whyNot).toContainEqual(['r-noise-110', 'channel']);
    expect(whyNot).toContainEqual(['r-noise-construction', 'text']);
    expect(t.explanation[0]!.zh).toContain('命中第');
    expect(
      t.explanation.some((line) => line.zh.includes('r-noise-110') && line.zh.includes('受理渠道')),
    ).toBe(true);
  });
});

describe('compileRouting and routeCase on small rule sets', () => {
  const table = (rules: RoutingTable['table']['rules'], extra: Partial<RoutingTable> = {}): RoutingTable => ({
    kind: 'routingTable',
    id: extra.id ?? 'rt',
    schemaVersion: 1,
    name: { en: 'R', zh: '派单' },
    fallbackUnitId: 'unit.dispatch',
    ...extra,
    table: {
      kind: 'decisionTable',
      id: `${extra.id ?? 'rt'}-table`,
      schemaVersion: 1,
      name: 'R',
      hitPolicy: 'F',
      inputs: [{ id: 'category', label: '分类', expression: 'case.category', type: 'string' }],
      outputs: ['leadUnit', 'assistingUnits', 'priority', 'slaPolicyId'].map((id) => ({
        id,
        label: id,
        type: 'string' as const,
      })),
      rules,
    },
  });
  const sla = {
    kind: 'slaPolicy',
    id: 'sla-a',
    schemaVersion: 1,
    name: { en: 'A', zh: '甲' },
    calendarId: 'cn-2026',
    limits: [],
  };
  const ruleSet = (...tables: RoutingTable[]) =>
    ({ id: 'rs', documents: [...tables, sla] }) as unknown as Pick<RuleSet, 'id' | 'documents'>;

  it('skips rows outside their validity dates as of the case date', () => {
    const compiled = compileRouting(
      ruleSet(
        table([
          {
            id: 'new',
            cells: ['"noise"'],
            outputs: ['unit.b', '', 'normal', 'sla-a'],
            validFrom: '2026-07-01',
          },
          { id: 'old', cells: ['"noise"'], outputs: ['unit.a', '', 'normal', 'sla-a'] },
        ]),
      ),
    );
    expect(routeCase(compiled, { category: 'noise' }, { asOf: '2026-06-30T23:00:00+08:00' }).leadUnitId).toBe(
      'unit.a',
    );
    expect(routeCase(compiled, { category: 'noise' }, { asOf: '2026-07-01' }).leadUnitId).toBe('unit.b');
  });

  it('tries the routing tables in order and uses the fallback when none matches', () => {
    const compiled = compileRouting(
      ruleSet(
        table(
          [{ id: 'special', cells: ['"gas"'], outputs: ['unit.gas', 'unit.b, unit.gas', 'urgent', ''] }],
          { id: 'override' },
        ),
        table([{ id: 'main', cells: ['"noise"'], outputs: ['unit.a', '', '', 'sla-a'] }], {
          id: 'main',
          fallbackPriority: 'low',
        }),
      ),
    );
    expect(routeCase(compiled, { category: 'gas' })).toMatchObject({
      leadUnitId: 'unit.gas',
      assistingUnitIds: ['unit.b'],
      priority: 'urgent',
      slaPolicyId: 'sla-a',
      routingTableId: 'override',
    });
    expect(routeCase(compiled, { category: 'noise' })).toMatchObject({
      routingTableId: 'main',
      priority: 'normal',
    });
    const none = routeCase(compiled, { category: 'water' });
    expect(none).toMatchObject({ isFallback: true, leadUnitId: 'unit.dispatch', ruleSetVersion: null });
    expect(none.trace.map((t) => t.explanation[0]!.en)).toEqual([
      'override: no row matched',
      'main: no row matched',
    ]);
  });

  it('refuses rule sets without a routing table or a fallback unit, and rows with unknown outputs', () => {
    expect(() => compileRouting(ruleSet())).toThrow(expect.objectContaining({ code: 'routing.no_table' }));
    expect(() => compileRouting(ruleSet(table([], { fallbackUnitId: undefined })))).toThrow(RuleError);
    const bad = compileRouting(ruleSet(table([{ cells: ['-'], outputs: ['unit.a', '', 'soon', 'sla-a'] }])));
    expect(() => routeCase(bad, { category: 'x' })).toThrow(
      expect.objectContaining({ code: 'routing.bad_output' }),
    );
  });
});
