/** @module Equality filters of the in-memory list queries (the `column = ?` of the SQL ones). */

/** Whether `record` has every filter value given; an undefined filter matches any record. */
export function matchesFilters<T extends object>(record: T, filters: { [K in keyof T]?: unknown }): boolean {
  return (Object.keys(filters) as (keyof T)[]).every(
    (key) => filters[key] === undefined || record[key] === filters[key],
  );
}
