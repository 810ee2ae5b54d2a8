/** @module WHERE clauses of the list queries: `column = ?` per filter given, ANDed. */

/** A filter `column = value`; an undefined value filters nothing. */
export type EqualityFilter = readonly [column: string, value: string | number | undefined];

/** The conditions (`column = ?`) and their arguments, in order, of the filters that have a value. */
export function equalityFilters(filters: readonly EqualityFilter[]): {
  where: string[];
  args: (string | number)[];
} {
  const where: string[] = [];
  const args: (string | number)[] = [];
  for (const [column, value] of filters) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    args.push(value);
  }
  return { where, args };
}

/** `WHERE a AND b …`, or nothing without conditions. */
export const whereClause = (where: readonly string[]): string =>
  where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
