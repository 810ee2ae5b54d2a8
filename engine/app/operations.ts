/** @module The operations object: every use case bound to its ports, as the HTTP adapter and CLI call them. */
import {
  authenticateApiKey,
  createApiKey,
  getCurrentUser,
  listApiKeys,
  login,
  logout,
  revokeApiKey,
} from './auth.ts';
import { exportAuditCheckpoint, listAudit, verifyAudit } from './audit.ts';
import { exportBundle, importBundle } from './bundles.ts';
import { getAsyncApi } from './event-catalogue.ts';
import { getCaseMetrics } from './cases/metrics.ts';
import { getCaseStatistics } from './cases/statistics.ts';
import { testRouting } from './cases/route-test.ts';
import { getMonthlyForm, submitMonthlyForm } from './performance/monthly-form.ts';
import { startCaseWhatIf } from './cases/what-if.ts';
import { getCaseWorkflow } from './cases/workflow.ts';
import {
  performCaseActionAndRescore,
  rateCaseAndRescore,
  refreshCaseMetricScores,
  runDeadlineCheckAndRescore,
} from './cases/scores.ts';
import { getCase } from './cases/get-case.ts';
import { intakeCase } from './cases/intake-case.ts';
import { listCaseCategories } from './cases/list-case-categories.ts';
import { listCases } from './cases/list-cases.ts';
import { lookupCase } from './cases/lookup-case.ts';
import type { AppDeps } from './context.ts';
import { getJobView } from './job-access.ts';
import { createOpen311Request } from './open311/create-request.ts';
import { getOpen311DiscoveryFacts } from './open311/discovery-facts.ts';
import { getOpen311Request } from './open311/get-request.ts';
import { getOpen311ServiceDefinition } from './open311/get-service-definition.ts';
import { listOpen311Services } from './open311/list-services.ts';
import { listOpen311Updates } from './open311/list-updates.ts';
import { resolveOpen311Token } from './open311/resolve-token.ts';
import { searchOpen311Requests } from './open311/search-requests.ts';
import {
  decideAmendment,
  getAttachment,
  getComparisons,
  getDistrictReport,
  getEntry,
  getFormForIndicator,
  getFormsDue,
  getLights,
  getLists,
  getRankings,
  getScores,
  getUnitIndicators,
  getUnitReport,
  listAmendments,
  listEntries,
  requestAmendment,
  seedPerformanceHistory,
  submitEntry,
  submitThirdPartyValue,
  uploadAttachment,
} from './performance.ts';
import {
  approveVersion,
  archiveVersion,
  DISTRICT_TIME_ZONE,
  createDraft,
  createRuleSet,
  deleteDraftDocument,
  diffVersions,
  getActiveRuleSet,
  getTimeline,
  getRuleSet,
  getVersion,
  listRuleSets,
  listVersions,
  prepareNextPeriod,
  publishVersion,
  rejectVersion,
  replaceDraftContent,
  submitForReview,
  todayOf,
  updateDraftDocument,
  validateRuleSet,
} from './rule-sets.ts';
import { getRuleSetWeights } from './rule-set-weights.ts';
import { isStoreEmpty, seedDemo } from './seed-demo.ts';
import { runWhatIf, startScoreWhatIf } from './score-what-if.ts';
import { getUnit, listUnits } from './units.ts';
import { createUser, listUsers, resetUserPassword, setUserDisabled } from './users.ts';
import { getMyWork } from './work-queue.ts';

type Bound<F> = F extends (deps: AppDeps, ...rest: infer A) => infer R ? (...rest: A) => R : never;

/** Reports whether the store answers. */
export async function checkHealth(
  deps: AppDeps,
): Promise<{ db: 'ok' | 'error'; now: string; today: string; timeZone: string }> {
  // The product's time, so the studio counts days by the server's clock, not the browser's.
  const now = deps.clock.now();
  const time = { now: now.toISOString(), today: todayOf(now), timeZone: DISTRICT_TIME_ZONE };
  try {
    await deps.store.ping();
    return { db: 'ok', ...time };
  } catch {
    return { db: 'error', ...time };
  }
}

const OPERATIONS = {
  login,
  logout,
  getCurrentUser,
  getMyWork,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  authenticateApiKey,
  listUsers,
  createUser,
  setUserDisabled,
  resetUserPassword,
  listUnits,
  getUnit,
  seedDemo,
  isStoreEmpty,
  checkHealth,
  getAsyncApi,
  createRuleSet,
  createDraft,
  replaceDraftContent,
  updateDraftDocument,
  deleteDraftDocument,
  submitForReview,
  approveVersion,
  rejectVersion,
  prepareNextPeriod,
  publishVersion,
  archiveVersion,
  getVersion,
  getRuleSet,
  listRuleSets,
  listVersions,
  diffVersions,
  getRuleSetWeights,
  getActiveRuleSet,
  getTimeline,
  validateRuleSet,
  exportBundle,
  importBundle,
  listAudit,
  verifyAudit,
  exportAuditCheckpoint,
  intakeCase,
  // Case transitions rescore the month's case-metric indicators (case metrics feed scores).
  performCaseAction: performCaseActionAndRescore,
  listCases,
  getCase,
  getCaseWorkflow,
  lookupCase,
  rateCase: rateCaseAndRescore,
  refreshCaseMetricScores,
  listCaseCategories,
  getCaseMetrics,
  getCaseStatistics,
  // An overdue notice changes the month's overdueCount, so the case-metric scores are refreshed.
  runDeadlineCheck: runDeadlineCheckAndRescore,
  startCaseWhatIf,
  testRouting,
  listOpen311Services,
  getOpen311ServiceDefinition,
  createOpen311Request,
  searchOpen311Requests,
  getOpen311Request,
  resolveOpen311Token,
  listOpen311Updates,
  getOpen311DiscoveryFacts,
  getUnitIndicators,
  getFormsDue,
  getFormForIndicator,
  getMonthlyForm,
  submitMonthlyForm,
  submitEntry,
  listEntries,
  getEntry,
  requestAmendment,
  listAmendments,
  decideAmendment,
  submitThirdPartyValue,
  uploadAttachment,
  getAttachment,
  getScores,
  getLights,
  getRankings,
  getComparisons,
  getLists,
  getUnitReport,
  getDistrictReport,
  runWhatIf,
  startScoreWhatIf,
  getJobView,
  seedPerformanceHistory,
};

/** Every operation with its dependencies bound: `ops.login({username, password, ip})`. */
export type Operations = { [K in keyof typeof OPERATIONS]: Bound<(typeof OPERATIONS)[K]> };

/** Binds every operation to `deps`. */
export function createOperations(deps: AppDeps): Operations {
  const ops: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(OPERATIONS)) {
    ops[name] = (...args: unknown[]) => (fn as (deps: AppDeps, ...rest: unknown[]) => unknown)(deps, ...args);
  }
  return ops as Operations;
}
