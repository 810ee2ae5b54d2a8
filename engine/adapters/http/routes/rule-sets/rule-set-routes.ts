/** @module Rule-set, bundle and audit routes (contract: docs/api-rule-sets.md); thin calls into the app operations, one file per sub-area. */
import type { RouteDefinition } from '../../route.ts';
import {
  listRuleSetsRoute,
  getRuleSetRoute,
  listVersionsRoute,
  getVersionRoute,
  weightsRoute,
} from './reads.ts';
import {
  createRuleSetRoute,
  nextPeriodRoute,
  createDraftRoute,
  replaceContentRoute,
  putDocumentRoute,
  deleteDocumentRoute,
  restoreRoute,
} from './drafts.ts';
import { activeRuleSetRoute, timelineRoute } from './timeline.ts';
import { diffRoute, validateRoute } from './checks.ts';
import { submitRoute, approveRoute, rejectRoute, publishRoute, archiveRoute } from './lifecycle.ts';
import { exportBundleRoute, importBundleRoute } from './bundles.ts';
import { listAuditRoute } from './audit.ts';

/**
 * Routes under /api/rule-sets, /api/bundles and /api/audit (verification and checkpoints: routes/audit.ts),
 * in the order they are matched and listed in OpenAPI (fixed paths such as /active before /:id).
 */
export function ruleSetRoutes(): RouteDefinition[] {
  return [
    listRuleSetsRoute(),
    createRuleSetRoute(),
    activeRuleSetRoute(),
    timelineRoute(),
    diffRoute(),
    validateRoute(),
    getRuleSetRoute(),
    listVersionsRoute(),
    nextPeriodRoute(),
    createDraftRoute(),
    getVersionRoute(),
    weightsRoute(),
    replaceContentRoute(),
    putDocumentRoute(),
    deleteDocumentRoute(),
    submitRoute(),
    approveRoute(),
    rejectRoute(),
    publishRoute(),
    archiveRoute(),
    restoreRoute(),
    exportBundleRoute(),
    importBundleRoute(),
    listAuditRoute(),
  ];
}
