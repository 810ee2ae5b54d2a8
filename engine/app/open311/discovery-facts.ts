/** @module getOpen311DiscoveryFacts: what discovery says that comes from the rule set in force. */
import type { AppDeps } from '../context.ts';
import { activeCaseRules } from '../cases/rules.ts';
import { publishedVersions } from '../rule-sets/in-force.ts';
import { pick, text } from './ids.ts';
import type { Open311DiscoveryFacts, Open311Lang } from './model.ts';

/** What discovery says that comes from the rule set in force: its publication time as the changeset. */
export async function getOpen311DiscoveryFacts(
  deps: AppDeps,
  input: { lang: Open311Lang },
): Promise<Open311DiscoveryFacts> {
  const rules = await activeCaseRules(deps);
  const version = (await publishedVersions(deps)).find(
    (v) => v.ruleSetId === rules.ruleSetId && v.number === rules.version,
  );
  const changeset =
    version?.publishedAt ?? (version?.effectiveFrom ? `${version.effectiveFrom}T00:00:00Z` : null);
  return {
    changeset: new Date(changeset ?? 0).toISOString(),
    contact: pick(
      text(
        'District 12345 hotline centre (dispatcher desk); cases by phone: 12345.',
        '区 12345 热线中心（派单席）；电话反映请拨 12345。',
      ),
      input.lang,
    ),
    key_service: pick(
      text(
        'API keys are issued by the 12345 hotline centre to partner systems; reading without a key shows only what is public.',
        'API 密钥由 12345 热线中心向合作系统发放；不带密钥只能读取公开信息。',
      ),
      input.lang,
    ),
  };
}
