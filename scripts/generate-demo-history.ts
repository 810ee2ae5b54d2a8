/** @module `tsx scripts/generate-demo-history.ts`: writes seeds/history/entries-2026.json (generator in seeds/generators/demo-history.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateDemoHistory } from '../seeds/generators/demo-history.ts';
import { buildDistrictRuleSet, type SeedUnit } from '../seeds/generators/district-ruleset.ts';

const root = resolve(import.meta.dirname, '..');
const units = JSON.parse(readFileSync(join(root, 'seeds/units.json'), 'utf8')) as SeedUnit[];
const { ruleSet, leafTemplates } = buildDistrictRuleSet(units);
const history = generateDemoHistory({ ruleSet, leafTemplates });
const out = join(root, 'seeds/history/entries-2026.json');
writeFileSync(out, `${JSON.stringify({ ruleSetId: ruleSet.id, ...history })}\n`);
console.log(
  `wrote ${out}: ${history.entries.length} entries, ${history.thirdParty.length} third-party, ${history.derived.length} derived`,
);
