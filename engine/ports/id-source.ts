/** @module Id source port: opaque, unique identifiers for new records. */

/** Hands out new unique identifiers. */
export interface IdSource {
  /** A new unique id; `prefix` (e.g. `usr`) is prepended with an underscore when given. */
  newId(prefix?: string): string;
}
