/** @module Ranked testers of our renderer set and a pure picker: which renderer wins for a UI schema element. */
import {
  and,
  isBooleanControl,
  isControl,
  isDateControl,
  isDateTimeControl,
  isEnumControl,
  isIntegerControl,
  isMultiLineControl,
  isNumberControl,
  isObjectArrayControl,
  isObjectControl,
  isOneOfEnumControl,
  isStringControl,
  NOT_APPLICABLE,
  rankWith,
  schemaMatches,
  uiTypeIs,
} from '@jsonforms/core';
import type { JsonSchema, RankedTester, TesterContext, UISchemaElement } from '@jsonforms/core';

/** Names of the renderers in our set; the registry maps each to a Solid component. */
export type RendererName =
  | 'string'
  | 'textarea'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'oneOfEnum'
  | 'date'
  | 'dateTime'
  | 'unit'
  | 'unitList'
  | 'object'
  | 'objectArray'
  | 'verticalLayout'
  | 'horizontalLayout'
  | 'group'
  | 'categorization'
  | 'label';

import { UNIT_FORMAT } from './formats.ts';

export { UNIT_FORMAT };

const isUnitString = (schema: JsonSchema | undefined): boolean =>
  schema?.type === 'string' && schema.format === UNIT_FORMAT;

/**
 * One ranked tester per renderer. Ranks follow the usual JSON Forms convention: generic type
 * controls at 1–2, format / option specialisations at 3–4, so the most specific renderer wins.
 */
export const rendererTesters: Record<RendererName, RankedTester> = {
  string: rankWith(1, isStringControl),
  textarea: rankWith(3, and(isStringControl, isMultiLineControl)),
  number: rankWith(2, isNumberControl),
  integer: rankWith(2, isIntegerControl),
  boolean: rankWith(2, isBooleanControl),
  enum: rankWith(3, isEnumControl),
  oneOfEnum: rankWith(4, isOneOfEnumControl),
  date: rankWith(4, isDateControl),
  dateTime: rankWith(4, isDateTimeControl),
  unit: rankWith(
    5,
    and(
      isControl,
      schemaMatches((schema) => isUnitString(schema)),
    ),
  ),
  unitList: rankWith(
    5,
    and(
      isControl,
      schemaMatches(
        (schema) =>
          schema.type === 'array' &&
          !Array.isArray(schema.items) &&
          isUnitString(schema.items as JsonSchema | undefined),
      ),
    ),
  ),
  object: rankWith(2, isObjectControl),
  objectArray: rankWith(3, isObjectArrayControl),
  verticalLayout: rankWith(1, uiTypeIs('VerticalLayout')),
  horizontalLayout: rankWith(1, uiTypeIs('HorizontalLayout')),
  group: rankWith(1, uiTypeIs('Group')),
  categorization: rankWith(1, uiTypeIs('Categorization')),
  label: rankWith(1, uiTypeIs('Label')),
};

/** A `{tester, renderer}` pair, the same shape as the JSON Forms renderer registry. */
export interface RegistryEntry<R> {
  tester: RankedTester;
  renderer: R;
}

/**
 * Picks the entry with the highest rank for an element; ties go to the entry registered first.
 * Returns undefined when no tester applies.
 */
export const pickRenderer = <R>(
  entries: readonly RegistryEntry<R>[],
  uischema: UISchemaElement,
  schema: JsonSchema,
  context: TesterContext,
): R | undefined => {
  let best: R | undefined;
  let bestRank = NOT_APPLICABLE;
  for (const entry of entries) {
    const rank = entry.tester(uischema, schema, context);
    if (rank > bestRank) {
      bestRank = rank;
      best = entry.renderer;
    }
  }
  return best;
};

/** Registry entries naming the renderer instead of holding the component; pure, for tests and tooling. */
export const namedEntries: RegistryEntry<RendererName>[] = (
  Object.keys(rendererTesters) as RendererName[]
).map((name) => ({ tester: rendererTesters[name], renderer: name }));

/** Which of our renderers renders the element, or undefined. */
export const rendererNameFor = (
  uischema: UISchemaElement,
  schema: JsonSchema,
  rootSchema: JsonSchema = schema,
): RendererName | undefined => pickRenderer(namedEntries, uischema, schema, { rootSchema, config: {} });
