/** @module Loads generated demo cases through the real case operations (intake, workflow actions at their instants), then feeds the case metrics into scores. */
import { ConflictError } from '../../engine/core/errors.ts';
import { refreshCaseMetricScores } from '../../engine/app/cases/scores.ts';
import { intakeCase } from '../../engine/app/cases/intake-case.ts';
import { performCaseAction } from '../../engine/app/cases/perform-case-action.ts';
import type { CaseDetail } from '../../engine/app/cases/view.ts';
import type { AppDeps } from '../../engine/app/context.ts';
import type { Actor } from '../../engine/app/permissions.ts';

/** One workflow step of a demo case (see demo-case-plans.ts). */
export interface DemoCaseStepInput {
  action: string;
  by: 'dispatcher' | 'supervisor' | 'reviewer' | 'lead' | 'assisting';
  input: Record<string, unknown>;
  at: string;
}

/** One demo case: intake fields and its steps in time order. */
export interface DemoCaseInput {
  channel: string;
  category: string;
  text: string;
  data?: Record<string, unknown>;
  requester?: { name?: string; phone?: string; type?: 'citizen' | 'enterprise' };
  location?: { address?: string; streetId?: string; communityId?: string };
  externalId?: string;
  receivedAt: string;
  steps: readonly DemoCaseStepInput[];
}

/** What {@link seedDemoCases} did. */
export interface DemoCasesLoaded {
  cases: number;
  actions: number;
  /** Steps the workflow refused (the case stays where it was). */
  skippedSteps: number;
  monthsScored: number;
  ms: number;
}

const staff = (
  username: string,
  role: 'dispatcher' | 'supervisor' | 'reviewer',
  displayName: string,
): Actor => ({
  kind: 'user',
  id: `seed:${username}`,
  username,
  displayName,
  roles: [role],
  unitId: null,
});

const STAFF = {
  dispatcher: staff('dispatcher', 'dispatcher', '二级中心派单员'),
  supervisor: staff('supervisor', 'supervisor', '一级督办员'),
  reviewer: staff('reviewer', 'reviewer', '代表评议员'),
};

const unitActor = (unitId: string): Actor => ({
  kind: 'user',
  id: `seed:${unitId}`,
  username: `${unitId}.handler`,
  displayName: `${unitId} 承办人`,
  roles: ['unit'],
  unitId,
});

// Units that take a case returned as mis-routed: the street it happened in, else city management.
function redirectOf(current: CaseDetail): string {
  const street = (current.location as { streetId?: string } | null)?.streetId;
  if (street && street !== current.leadUnitId) return street;
  return current.leadUnitId === 'dept-urban-management'
    ? 'dept-housing-construction'
    : 'dept-urban-management';
}

/**
 * Loads demo cases in order through `intakeCase` and `performCaseAction` with each step's instant,
 * so histories, timers, outbox events, audit records and metrics are what real use would give; then
 * refreshes the case-metric scores of every month touched. A step the workflow refuses is skipped
 * and counted. `shouldStop` is checked between cases (server shutdown).
 */
export async function seedDemoCases(
  deps: AppDeps,
  input: {
    cases: readonly DemoCaseInput[];
    shouldStop?: () => boolean;
    /** Called after each case and each month scored: steps done of all steps (cases, then months). */
    onProgress?: (done: number, total: number) => void;
  },
): Promise<DemoCasesLoaded> {
  const started = performance.now();
  let cases = 0;
  let actions = 0;
  let skippedSteps = 0;
  const months = new Set<string>();
  for (const plan of input.cases) {
    if (input.shouldStop?.()) break;
    const isCitizenChannel = ['web', 'app', 'wechat'].includes(plan.channel);
    const { case: opened } = await intakeCase(deps, {
      actor: isCitizenChannel ? null : STAFF.dispatcher,
      channel: plan.channel,
      category: plan.category,
      text: plan.text,
      ...(plan.data ? { data: plan.data } : {}),
      ...(plan.requester ? { requester: plan.requester } : {}),
      ...(plan.location ? { location: plan.location } : {}),
      ...(plan.externalId ? { externalId: plan.externalId } : {}),
      receivedAt: plan.receivedAt,
    });
    cases++;
    let current = opened;
    for (const step of plan.steps) {
      const actors =
        step.by === 'lead'
          ? current.leadUnitId
            ? [unitActor(current.leadUnitId)]
            : []
          : step.by === 'assisting'
            ? current.assistingUnitIds.map(unitActor)
            : [STAFF[step.by]];
      const stepInput =
        step.input.leadUnitId === '$redirect'
          ? { ...step.input, leadUnitId: redirectOf(current) }
          : step.input;
      for (const actor of actors) {
        const act = () =>
          performCaseAction(deps, {
            actor,
            id: current.id,
            action: step.action,
            input: stepInput,
            at: step.at,
          });
        try {
          // The deadline worker may touch the case meanwhile: one retry on a stale read.
          current = await act().catch((error: unknown) => {
            if (error instanceof ConflictError) return act();
            throw error;
          });
          actions++;
          months.add(new Date(Date.parse(step.at) + 8 * 3_600_000).toISOString().slice(0, 7));
        } catch {
          skippedSteps++;
        }
      }
    }
    input.onProgress?.(cases, input.cases.length);
  }
  let monthsScored = 0;
  const sortedMonths = [...months].sort();
  for (const month of sortedMonths) {
    if (input.shouldStop?.()) break;
    await refreshCaseMetricScores(deps, { month });
    monthsScored++;
    input.onProgress?.(cases + monthsScored, cases + sortedMonths.length);
  }
  return { cases, actions, skippedSteps, monthsScored, ms: Math.round(performance.now() - started) };
}
