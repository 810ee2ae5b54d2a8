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
import { exportBundle } from './rule-sets/export-bundle.ts';
import { importBundle } from './rule-sets/import-bundle.ts';
import { getAsyncApi } from './event-catalogue.ts';
import { getCaseMetrics } from './cases/metrics.ts';
import { getCaseStatistics } from './cases/statistics.ts';
import { testRouting } from './cases/route-test.ts';
import { getMonthlyForm, submitMonthlyForm } from './performance/monthly-form.ts';
import { decideAmendment } from './performance/decide-amendment.ts';
import { getAttachment } from './performance/get-attachment.ts';
import { getComparisons } from './performance/get-comparisons.ts';
import { getDistrictReport } from './performance/get-district-report.ts';
import { getEntry } from './performance/get-entry.ts';
import { getFormForIndicator } from './performance/get-form-for-indicator.ts';
import { getFormsDue } from './performance/get-forms-due.ts';
import { getLights } from './performance/get-lights.ts';
import { getLists } from './performance/get-lists.ts';
import { getRankings } from './performance/get-rankings.ts';
import { getScores } from './performance/get-scores.ts';
import { getUnitIndicators } from './performance/get-unit-indicators.ts';
import { getUnitReport } from './performance/get-unit-report.ts';
import { listAmendments } from './performance/list-amendments.ts';
import { listEntries } from './performance/list-entries.ts';
import { requestAmendment } from './performance/request-amendment.ts';
import { seedPerformanceHistory } from './performance/seed-performance-history.ts';
import { submitEntry } from './performance/submit-entry.ts';
import { submitThirdPartyValue } from './performance/submit-third-party-value.ts';
import { uploadAttachment } from './performance/upload-attachment.ts';
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
import { DISTRICT_TIME_ZONE, todayOf } from '../core/time-zone.ts';
import { approveVersion } from './rule-sets/approve-version.ts';
import { archiveVersion } from './rule-sets/archive-version.ts';
import { createDraft } from './rule-sets/create-draft.ts';
import { createRuleSet } from './rule-sets/create-rule-set.ts';
import { deleteDraftDocument } from './rule-sets/delete-draft-document.ts';
import { diffVersions } from './rule-sets/diff-versions.ts';
import { getActiveRuleSet } from './rule-sets/get-active-rule-set.ts';
import { getRuleSet } from './rule-sets/get-rule-set.ts';
import { getTimeline } from './rule-sets/get-timeline.ts';
import { getVersion } from './rule-sets/get-version.ts';
import { listRuleSets } from './rule-sets/list-rule-sets.ts';
import { listVersions } from './rule-sets/list-versions.ts';
import { prepareNextPeriod } from './rule-sets/prepare-next-period.ts';
import { publishVersion } from './rule-sets/publish-version.ts';
import { rejectVersion } from './rule-sets/reject-version.ts';
import { replaceDraftContent } from './rule-sets/replace-draft-content.ts';
import { submitForReview } from './rule-sets/submit-for-review.ts';
import { updateDraftDocument } from './rule-sets/update-draft-document.ts';
import { validateRuleSet } from './rule-sets/validate-rule-set.ts';
import { getRuleSetWeights } from './rule-sets/get-rule-set-weights.ts';
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
