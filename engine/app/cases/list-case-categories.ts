/** @module listCaseCategories: the categories of the rule set in force with their intake forms. */
import type { AppDeps } from '../context.ts';
import { activeCaseRules } from './rules.ts';

/** Categories of the rule set in force with their intake forms (public: the citizen portal builds its form from them). */
export async function listCaseCategories(deps: AppDeps): Promise<
  {
    code: string;
    name: unknown;
    group: unknown;
    defaultPriority: string;
    formId: string;
    schema: unknown;
    uiSchema: unknown;
  }[]
> {
  const rules = await activeCaseRules(deps);
  return [...rules.categories.values()].map((c) => ({
    code: c.code,
    name: c.name,
    group: c.group,
    defaultPriority: c.defaultPriority,
    formId: c.form.id,
    schema: c.form.schema,
    uiSchema: c.form.uiSchema ?? null,
  }));
}
