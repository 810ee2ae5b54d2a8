/** @module getOpen311ServiceDefinition: the attributes of one offered category's intake form. */
import type { AppDeps } from '../context.ts';
import { attributesOf, offeredCategory } from './attributes.ts';
import type { Open311Lang, Open311ServiceDefinition } from './model.ts';

/** A service definition: the attributes of the category's intake form. Throws 404 for an unknown code. */
export async function getOpen311ServiceDefinition(
  deps: AppDeps,
  input: { code: string; lang: Open311Lang },
): Promise<Open311ServiceDefinition> {
  const category = await offeredCategory(deps, input.code);
  return { service_code: category.code, attributes: attributesOf(category, input.lang) };
}
