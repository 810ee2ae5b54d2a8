/** @module The light-rule kind: the green tolerance is within the yellow one. */
import { type ByKind, type Collector, defineKind, DOC, type DocumentKind } from './kind.ts';

function checkLights(by: ByKind, out: Collector): void {
  for (const { doc, index } of by.lightRule.values())
    if (doc.tolerances.green > doc.tolerances.yellow)
      out.error(
        `${DOC(index)}/tolerances/green`,
        'lightRule.tolerances_order',
        'The green tolerance cannot exceed the yellow one',
        '绿灯容差不能大于黄灯容差',
      );
}

/** Light rules (警示灯规则). */
export const lightRuleKind: DocumentKind = defineKind(
  'lightRule',
  8,
  { zh: '警示灯规则', en: 'Light rules' },
  {
    check: ({ by, out }) => checkLights(by, out),
  },
);
