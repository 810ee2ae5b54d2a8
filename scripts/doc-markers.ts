/** @module Rewrites the generated part of a document: the text between its begin and end markers. */
import { readFileSync, writeFileSync } from 'node:fs';

/** The markers around a generated part (both stay in the document). */
export interface DocMarkers {
  begin: string;
  end: string;
}

/**
 * Replaces the part of `file` from `markers.begin` to `markers.end` with `rendered` (which carries the
 * markers itself); throws when the file has no such part. `name` names the markers in that error,
 * `what` the part in the log line.
 */
export function writeBetweenMarkers(
  file: string,
  markers: DocMarkers,
  rendered: string,
  text: { name: string; what: string },
): void {
  const doc = readFileSync(file, 'utf8');
  const begin = doc.indexOf(markers.begin);
  const end = doc.indexOf(markers.end);
  if (begin < 0 || end < begin) throw new Error(`${file} has no ${text.name} markers`);
  writeFileSync(file, doc.slice(0, begin) + rendered + doc.slice(end + markers.end.length));
  console.log(`wrote ${text.what} into ${file}`);
}
