/** @module Case routing, SLA deadlines and case metrics. */
export type { UnitCaseMetrics, CaseMetricsInput } from './metrics.ts';
export { computeCaseMetrics } from './metrics.ts';
export type { CaseInput, CompiledRouting, RoutingDecision, RoutingTableTrace } from './routing.ts';
export { compileRouting, routeCase } from './routing.ts';
export type { DuplicateCandidate, DuplicateMatch, DuplicateSettings } from './duplicates.ts';
export { duplicateSettingsOf, judgeDuplicates, textSimilarity } from './duplicates.ts';
export type { LadderStep, LadderStepStatus } from './ladder.ts';
export { ladderOf, ladderStatus } from './ladder.ts';
export type { CaseTimers, SlaClock, SlaLight, SlaRules, TimerDeadline, TimerStatus } from './sla.ts';
export { clockOf, computeDeadlines, slaStatus } from './sla.ts';
