/** @module The text of a caught failure for the pages: an Error's own message (the server's localized one for an ApiError), anything else as a string. */

/** `error.message` for an Error, `String(error)` otherwise. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
