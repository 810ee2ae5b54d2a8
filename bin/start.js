#!/usr/bin/env node
/** @module `npm start`: builds the studio when stale, registers tsx and runs engine/main.ts. */
import { register } from 'tsx/esm/api';
import { ensureStudioBuilt } from './studio-build.js';

try {
  await ensureStudioBuilt();
} catch (error) {
  // The API still works without the studio; say so loudly and carry on.
  process.stderr.write(
    `${JSON.stringify({ level: 'error', msg: 'studio build failed', error: String(error) })}\n`,
  );
}
register();
await import('../engine/main.ts');
