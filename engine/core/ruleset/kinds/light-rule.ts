/** @module The light-rule kind: the green tolerance is within the yellow one. */
import { type ByKind, type Collector, DOC, type DocumentKind, nameLine } from './kind.ts';

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
export const lightRuleKind: DocumentKind = {
  kind: 'lightRule',
  schemaFile: 'light-rule.schema.json',
  order: 8,
  label: { zh: '警示灯规则', en: 'Light rules' },
  place: 'documents',
  check: ({ by, out }) => checkLights(by, out),
  summary: (doc) => nameLine(doc),
};
