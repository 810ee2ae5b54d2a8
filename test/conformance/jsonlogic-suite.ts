/** @module The JSON Logic compatible.json suite, read for the conformance test and the trace differential. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One case of the suite. */
export interface JsonLogicCase {
  description: string;
  rule: unknown;
  data?: unknown;
  result: unknown;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The public suite (Apache-2.0) is vendored in test/fixtures/jsonlogic/; the shared copy beside the
// checkout, when present, is the one read, so the two cannot drift apart unnoticed.
export const sharedSuite = path.resolve(repoRoot, '../shared/conformance/jsonlogic/compatible.json');
export const vendoredSuite = path.resolve(repoRoot, 'test/fixtures/jsonlogic/compatible.json');
const suitePath = existsSync(sharedSuite) ? sharedSuite : vendoredSuite;

/** The cases of compatible.json (its section headings, plain strings, left out). */
export function jsonLogicCases(): JsonLogicCase[] {
  const entries: unknown[] = JSON.parse(readFileSync(suitePath, 'utf8'));
  return entries.filter((e): e is JsonLogicCase => typeof e === 'object' && e !== null);
}
