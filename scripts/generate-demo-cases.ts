/** @module `tsx scripts/generate-demo-cases.ts [now] [from]`: the demo cases the demo seed loads (generator in seeds/generators/demo-case-plans.ts); prints a summary. */
import { fileURLToPath } from 'node:url';
import { systemClock } from '../engine/adapters/clock/clock.ts';
import { generateDemoCases } from '../seeds/generators/demo-case-plans.ts';

// `tsx scripts/generate-demo-cases.ts [now] [from]` prints a summary of what the demo seed would load.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const now = process.argv[2] ?? systemClock.now().toISOString();
  const from = process.argv[3] ?? new Date(Date.parse(now) - 365 * 86_400_000).toISOString();
  const plans = generateDemoCases({ now, from });
  const steps = plans.reduce((s, p) => s + p.steps.length, 0);
  const byChannel: Record<string, number> = {};
  for (const p of plans) byChannel[p.channel] = (byChannel[p.channel] ?? 0) + 1;
  process.stdout.write(
    `${JSON.stringify({ cases: plans.length, steps, byChannel, first: plans[0] }, null, 2)}\n`,
  );
}
