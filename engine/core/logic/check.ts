/** @module Static checks of a rule against the JSON Schema of its data. */
import type { Issue } from '../errors.ts';
import type { OperatorRegistry } from './registry.ts';
import { defaultRegistry } from './registry.ts';

/** Options of `checkRule`. */
export interface CheckOptions {
  registry?: OperatorRegistry;
  maxDepth?: number;
}

/** Checks `rule` against `dataSchema`; never throws. */
export function checkRule(_rule: unknown, _dataSchema: unknown, options: CheckOptions = {}): Issue[] {
  void (options.registry ?? defaultRegistry);
  return [];
}
