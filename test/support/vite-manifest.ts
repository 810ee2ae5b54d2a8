/** @module The studio build's Vite manifest (dist/studio/.vite/manifest.json), read as a browser would load it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One manifest entry: its chunk file, whether it is the entry, its static imports and CSS. */
export type Manifest = Record<
  string,
  { file: string; isEntry?: boolean; imports?: string[]; css?: string[] }
>;

/** The manifest of the build in `dist`. */
export const readManifest = (dist: string): Manifest =>
  JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;

/** The manifest keys a browser fetches for `keys`: each chunk and its static imports, each once. */
export const chunksOf = (manifest: Manifest, keys: string[]): string[] => {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]!.imports ?? []) visit(next);
  };
  for (const key of keys) visit(key);
  return [...seen];
};
