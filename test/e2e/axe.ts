/** @module axe-core in a journey's page: injects axe's source and returns the serious and critical violations, one line each. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: string | undefined;

/** One violated rule on one element. */
export interface AxeFinding {
  rule: string;
  impact: string;
  target: string;
  summary: string;
}

/** The impacts the journeys fail on. */
const blocking = new Set(['serious', 'critical']);

/**
 * Runs axe-core (WCAG 2.x A/AA and best-practice rules) on the page as it is now and returns one
 * finding per element of each serious or critical violation.
 */
export const seriousViolations = async (page: Page): Promise<AxeFinding[]> => {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!hasAxe) await page.addScriptTag({ content: source });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<any> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return (result.violations as any[]).map((v) => ({
      id: v.id as string,
      impact: (v.impact ?? '') as string,
      help: v.help as string,
      nodes: (v.nodes as any[]).map((n) => ({
        target: (n.target as unknown[]).map(String).join(' '),
        summary: String(n.failureSummary ?? '').replace(/\s+/g, ' '),
      })),
    }));
  });
  return violations
    .filter((v) => blocking.has(v.impact))
    .flatMap((v) =>
      v.nodes.map((n) => ({
        rule: v.id,
        impact: v.impact,
        target: n.target,
        summary: `${v.help}: ${n.summary}`,
      })),
    );
};

/** Findings as lines for a failure message: `page · rule (impact) · target · what is wrong`. */
export const describeFindings = (where: string, findings: readonly AxeFinding[]): string[] =>
  findings.map((f) => `${where} · ${f.rule} (${f.impact}) · ${f.target} · ${f.summary.slice(0, 240)}`);
