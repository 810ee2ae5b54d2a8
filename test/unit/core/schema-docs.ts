/** @module Finds the properties of a JSON Schema that lack a description or examples (through nested properties and items). */

/** Paths (`/a/b`, `[]` for items) of the properties of `schema` with no `description` string or no `examples` array. */
export function undocumentedProperties(schema: unknown): string[] {
  const missing: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(
      (n.properties ?? {}) as Record<string, Record<string, unknown>>,
    )) {
      if (typeof value.description !== 'string' || !Array.isArray(value.examples))
        missing.push(`${path}/${key}`);
      walk(value, `${path}/${key}`);
    }
    if (n.items) walk(n.items, `${path}[]`);
  };
  walk(schema, '');
  return missing;
}
