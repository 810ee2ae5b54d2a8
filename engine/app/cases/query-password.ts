/** @module Citizens' query passwords: a new random 6-digit password, the hasher that keeps them, and a dummy hash so unknown case numbers cost what real ones cost. */
import type { AppDeps } from '../context.ts';

/** A new 6-digit query password. */
export function newQueryPassword(deps: AppDeps): string {
  return String(Number.parseInt(deps.tokens.randomHex(4), 16) % 1_000_000).padStart(6, '0');
}

/** The query-password hasher (a keyed one when wired, else the account password hasher). */
export function queryPasswordHasherOf(deps: AppDeps) {
  return (deps as { queryPasswordHasher?: AppDeps['hasher'] }).queryPasswordHasher ?? deps.hasher;
}

const dummyHashes = new WeakMap<AppDeps['hasher'], Promise<string>>();

/** A hash in the hasher's own current format, verified for unknown numbers so they cost what a real case costs. */
export function dummyHashOf(hasher: AppDeps['hasher']): Promise<string> {
  let hash = dummyHashes.get(hasher);
  if (!hash) {
    hash = hasher.hash('not-a-query-password');
    dummyHashes.set(hasher, hash);
  }
  return hash;
}
