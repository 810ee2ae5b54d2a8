/** @module Clock port: the only source of "now" for operations, so tests can move time. */

/** Tells the current time. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}
