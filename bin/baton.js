#!/usr/bin/env node
/** @module `baton` executable: loads the TypeScript CLI through tsx. */
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/adapters/cli/index.ts');
await main(process.argv.slice(2));
