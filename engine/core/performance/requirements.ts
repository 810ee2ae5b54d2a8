/** @module The checks a performance request's arguments pass before any work: period and day formats, the period inside the rule set's year, the indicator a form leaf the unit owns. Pure: each returns its value or throws. */
import { type LocalizedText, NotFoundError, ValidationError } from '../errors.ts';
import type { CompiledForm, CompiledLeaf, PerformanceModel } from '../scoring/model.ts';

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** A period `YYYY-MM`. */
export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
/** A day `YYYY-MM-DD`. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A period given as `YYYY-MM`, else 400 `performance.bad_period`. */
export function requirePeriodFormat(period: string | undefined, path = '/period'): string {
  if (!period || !PERIOD.test(period))
    throw new ValidationError(
      'performance.bad_period',
      t('Give the period as YYYY-MM.', '期间格式须为 YYYY-MM。'),
      { path },
    );
  return period;
}

/** A period `YYYY-MM` of the model's year, else 400 `performance.bad_period` / `performance.period_outside_rule_set`. */
export function requirePeriod(period: string | undefined, model: PerformanceModel, path = '/period'): string {
  const valid = requirePeriodFormat(period, path);
  if (Number(valid.slice(0, 4)) !== model.year)
    throw new ValidationError(
      'performance.period_outside_rule_set',
      t(
        `Period ${valid} is outside the rule set's year ${model.year}.`,
        `期间 ${valid} 不在规则集年度 ${model.year} 内。`,
      ),
      { path },
    );
  return valid;
}

/** `value` (else `fallback`) as a day `YYYY-MM-DD`, else 400 `performance.bad_date`. */
export function requireDate(value: string | undefined, fallback: string): string {
  const date = value ?? fallback;
  if (!DATE.test(date))
    throw new ValidationError(
      'performance.bad_date',
      t('Give the date as YYYY-MM-DD.', '日期格式须为 YYYY-MM-DD。'),
      { path: '/asOf' },
    );
  return date;
}

/** The leaf `indicatorId` of the model, else 404 `indicator.not_found`. */
export function requireLeaf(model: PerformanceModel, indicatorId: string): CompiledLeaf {
  const leaf = model.leafById.get(indicatorId);
  if (!leaf)
    throw new NotFoundError(
      'indicator.not_found',
      t(
        `Indicator "${indicatorId}" is not a leaf of the rule set in force.`,
        `指标“${indicatorId}”不是生效规则集中的末级指标。`,
      ),
    );
  return leaf;
}

/** Refuses (400 `indicator.not_owned`) a unit the leaf does not assess. */
export function requireOwner(leaf: CompiledLeaf, unitId: string): void {
  if (!leaf.owners.has(unitId))
    throw new ValidationError(
      'indicator.not_owned',
      t(
        `Unit "${unitId}" is not assessed on indicator "${leaf.id}".`,
        `责任单位“${unitId}”不承担指标“${leaf.id}”。`,
      ),
      { path: '/indicatorId' },
    );
}

/** The form of a leaf filled in by a form, else 400 `indicator.not_form`. */
export function requireFormLeaf(leaf: CompiledLeaf): CompiledForm {
  if (leaf.dataSource !== 'form' || !leaf.form)
    throw new ValidationError(
      'indicator.not_form',
      t(
        `Indicator "${leaf.id}" is not filled in by a form (${leaf.dataSource}).`,
        `指标“${leaf.id}”的数据不通过表单填报。`,
      ),
      { path: '/indicatorId' },
    );
  return leaf.form;
}
