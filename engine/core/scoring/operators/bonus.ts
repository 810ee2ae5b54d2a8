/** @module Tiered bonus: awards scored by tier, each item counted once at its best tier, total capped. */
import type { OperatorDefinition } from '../../logic/operator.ts';
import { argsOf, arr, badArg, nullableNumberArg, optLimit, plain, record, scoringOperator } from './args.ts';

const AWARD_SHAPE = {
  en: 'a list of awards, each an object with an item id ("item", "itemId" or "id") and a tier ("level" or "tier")',
  zh: '奖项列表，每项为含事项编号（"item"、"itemId" 或 "id"）与级别（"level" 或 "tier"）的对象',
};

function field(award: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = award[name];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/** `tiered_bonus [awards, tierPoints, cap=null]`: Σ over distinct items of their best tier's points, capped. */
export const tieredBonus: OperatorDefinition = scoringOperator('tiered_bonus', {
  description: {
    en:
      'Tiered bonus with de-duplication and cap. Arguments: [awards, tierPoints, cap = null]. awards is a list ' +
      'of {item, level} (aliases itemId/id and tier); tierPoints maps each level to points, e.g. ' +
      '{"national": 5, "provincial": 3, "city": 1}. The same item awarded at several levels counts once, at its ' +
      'highest-scoring level. Result = min(cap, Σ points); cap null means no cap. A level missing from ' +
      'tierPoints is an error (a misspelt level must not silently score 0).',
    zh:
      '分级加分（去重、封顶）。参数：[奖项列表, 级别分值表, 封顶 = null]。奖项为 {item, level}（别名 itemId/id 与 tier）；' +
      '级别分值表把级别映射为分值，如 {"national": 5, "provincial": 3, "city": 1}。同一事项多级获奖只按最高分值的级别计一次。' +
      '得分 = min(封顶, 分值合计)，封顶为 null 表示不封顶。级别不在分值表中时报错（避免拼写错误被静默记 0 分）。',
  },
  argsSchema: argsOf(
    [
      {
        title: 'awards',
        description: 'List of {item, level}.',
        type: 'array',
        items: {
          type: 'object',
          properties: {
            item: { type: ['string', 'number'] },
            itemId: { type: ['string', 'number'] },
            id: { type: ['string', 'number'] },
            level: { type: 'string' },
            tier: { type: 'string' },
          },
        },
      },
      {
        title: 'tierPoints',
        description: 'Points per level.',
        type: 'object',
        additionalProperties: { type: 'number' },
      },
    ],
    [nullableNumberArg('cap', 'Highest total; null (default) for no cap.', { minimum: 0 })],
  ),
  examples: [
    {
      rule: { tiered_bonus: [{ var: 'awards' }, { var: 'tiers' }] },
      data: {
        awards: [
          { item: 'clean-street', level: 'national' },
          { item: 'clean-street', level: 'city' },
          { item: 'safe-campus', level: 'provincial' },
        ],
        tiers: { national: 5, provincial: 3, city: 1 },
      },
      expected: 8,
      description: 'clean-street counts once at national (5), safe-campus 3.',
    },
    {
      rule: { tiered_bonus: [{ var: 'awards' }, { var: 'tiers' }, 6] },
      data: {
        awards: [
          { item: 'clean-street', level: 'national' },
          { item: 'safe-campus', level: 'provincial' },
        ],
        tiers: { national: 5, provincial: 3, city: 1 },
      },
      expected: 6,
      description: 'Capped at 6.',
    },
    {
      rule: { tiered_bonus: [[], { var: 'tiers' }, 6] },
      data: { tiers: { national: 5, city: 1 } },
      expected: 0,
      description: 'No award, no bonus.',
    },
  ],
  evaluate(args, op) {
    const awards = arr(op, args, 0);
    const tiers = record(op, args, 1);
    const cap = optLimit(op, args, 2);
    const best = new Map<string, number>();
    for (const award of awards) {
      if (typeof award !== 'object' || award === null || Array.isArray(award))
        return badArg(op, 0, AWARD_SHAPE, award);
      const item = field(award as Record<string, unknown>, ['item', 'itemId', 'id']);
      const level = field(award as Record<string, unknown>, ['level', 'tier']);
      if (item === undefined || level === undefined) return badArg(op, 0, AWARD_SHAPE, award);
      const points = Object.hasOwn(tiers, level) ? tiers[level] : undefined;
      if (typeof points !== 'number' || !Number.isFinite(points)) {
        return badArg(
          op,
          1,
          { en: `an object giving points for level "${level}"`, zh: `含级别 "${level}" 分值的对象` },
          tiers,
        );
      }
      best.set(item, Math.max(best.get(item) ?? Number.NEGATIVE_INFINITY, points));
    }
    let total = 0;
    for (const points of best.values()) total += points;
    return plain(cap === null ? total : Math.min(cap, total));
  },
});

/** The bonus group, in catalogue order. */
export const bonusOperators: OperatorDefinition[] = [tieredBonus];
