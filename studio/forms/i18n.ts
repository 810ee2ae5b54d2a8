/** @module JSON Forms i18n hooks: an error translator that turns ajv errors into our own messages per keyword. */
import type { ErrorObject } from 'ajv';
import type { ErrorTranslator, Translator } from '@jsonforms/core';
import { getControlPath, getI18nKey } from '@jsonforms/core';

/**
 * Fills `{name}` placeholders from ajv params. A string value is first looked up as
 * `forms.<name>.<value>` (e.g. `forms.format.date`, `forms.type.integer`) so it reads naturally.
 */
const fill = (template: string, params: Record<string, unknown>, t: Translator): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (Array.isArray(value)) return value.map(String).join(', ');
    if (typeof value === 'string') return t(`forms.${name}.${value}`, value);
    return String(value);
  });

/**
 * Error translator for `<JsonForms i18n={{translateError}}>`. Lookup order: a form-specific key
 * (`<field i18n prefix>.error.<keyword>`), then our generic `forms.error.<keyword>` message with
 * ajv params filled in, then ajv's own English message.
 */
export const createErrorTranslator =
  (): ErrorTranslator =>
  (error: ErrorObject, t: Translator, uischema): string => {
    const specific = t(
      getI18nKey(error.parentSchema, uischema, getControlPath(error), `error.${error.keyword}`),
      undefined,
      { error },
    );
    if (specific !== undefined) return specific;
    const params = error.params as Record<string, unknown>;
    const formatKey = error.keyword === 'format' ? `forms.error.format.${String(params.format)}` : '';
    const generic =
      (formatKey && t(formatKey, undefined, { error })) ||
      t(`forms.error.${error.keyword}`, undefined, { error });
    if (generic !== undefined) return fill(generic, params, t);
    return error.message ?? error.keyword;
  };
