/** @module listOpen311Services: the case categories Open311 offers, as services. */
import type { AppDeps } from '../context.ts';
import { activeCaseRules } from '../cases/rules.ts';
import { attributesOf, isOffered } from './attributes.ts';
import { pick } from './ids.ts';
import type { Open311Lang, Open311Service } from './model.ts';

/** The case categories of the rule set in force that Open311 offers, as services. */
export async function listOpen311Services(
  deps: AppDeps,
  input: { lang: Open311Lang },
): Promise<Open311Service[]> {
  const rules = await activeCaseRules(deps);
  return [...rules.categories.values()].filter(isOffered).map((c) => ({
    service_code: c.code,
    service_name: pick(c.name, input.lang),
    description: `${pick(c.group, input.lang)} / ${pick(c.name, input.lang)}`,
    metadata: attributesOf(c, input.lang).length > 0,
    type: 'realtime',
    keywords: c.keywords.join(', '),
    group: pick(c.group, input.lang),
  }));
}
