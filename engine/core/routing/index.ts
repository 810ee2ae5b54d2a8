/** @module Case routing, SLA deadlines and case metrics. */
export type { UnitCaseMetrics, CaseMetricsInput } from './metrics.ts';
export { computeCaseMetrics } from './metrics.ts';
export type { CaseInput, CompiledRouting, RoutingDecision, RoutingTableTrace } from './routing.ts';
export { compileRouting, routeCase } from './routing.ts';
export type { CaseTimers, SlaLight, TimerDeadline, TimerStatus } from './sla.ts';
export { computeDeadlines, slaStatus } from './sla.ts';
