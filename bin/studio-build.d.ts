/** @module Types of bin/studio-build.js for TypeScript callers (tests). */

/** Newest modification time (ms) of any file under `dir`, or 0. */
export function newestMtime(dir: string): number;
/** Whether dist/studio under `base` is missing or older than studio/ or vite.config.ts. */
export function isStudioStale(base?: string): boolean;
/** Builds the studio when stale; `'skipped'` when there is no studio/index.html. */
export function ensureStudioBuilt(options?: {
  base?: string;
  log?: (line: string) => void;
}): Promise<'built' | 'fresh' | 'skipped'>;
