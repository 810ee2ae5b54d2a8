/** @module Formats our renderer set gives meaning to, in a module of their own so pages can name them without loading JSON Forms. */

/** The format of a string that holds a unit id (picked from the unit list by name). */
export const UNIT_FORMAT = 'baton-unit';
