/** @module Performance routes: unit workspace, ledger entries, amendments, third-party values, attachments, scores, lights, rankings, reports, what-if — one file per sub-area under routes/performance/, listed here in the order the OpenAPI document shows them. */
import type { RouteDefinition } from '../route.ts';
import { amendmentRoutes } from './performance/amendments.ts';
import { attachmentRoutes } from './performance/attachments.ts';
import { entryRoutes } from './performance/entries.ts';
import { formRoutes } from './performance/forms.ts';
import { monthlyFormRoutes } from './performance/monthly-form.ts';
import { rankingRoutes } from './performance/rankings.ts';
import { reportRoutes } from './performance/reports.ts';
import { scoreRoutes } from './performance/scores.ts';
import { thirdPartyRoutes } from './performance/third-party.ts';
import { whatIfRoutes } from './performance/what-if.ts';

/** Routes under /api/performance (contract: docs/api-performance.md). */
export function performanceRoutes(): RouteDefinition[] {
  return [
    ...formRoutes(),
    ...monthlyFormRoutes(),
    ...entryRoutes(),
    ...amendmentRoutes(),
    ...thirdPartyRoutes(),
    ...attachmentRoutes(),
    ...scoreRoutes(),
    ...rankingRoutes(),
    ...reportRoutes(),
    ...whatIfRoutes(),
  ];
}
