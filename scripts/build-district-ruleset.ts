/** @module Writes seeds/rulesets/district-2026-full.json from seeds/indicators/district-indicators.json (builder in seeds/generators/district-ruleset.ts; refuses to overwrite a file it did not write). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildDistrictRuleSet, type SeedUnit } from '../seeds/generators/district-ruleset.ts';

const root = resolve(import.meta.dirname, '..');
const units = JSON.parse(readFileSync(join(root, 'seeds/units.json'), 'utf8')) as SeedUnit[];
const target = join(root, 'seeds/rulesets/district-2026-full.json');
if (existsSync(target)) {
  const current = JSON.parse(readFileSync(target, 'utf8')) as { version?: { notes?: string } };
  if (current.version?.notes !== 'Demo district indicator system') {
    console.error(`${target} was written by someone else; not overwriting`);
    process.exit(1);
  }
}
writeFileSync(target, `${JSON.stringify(buildDistrictRuleSet(units).ruleSet, null, 2)}\n`);
console.log(`wrote ${target}`);
