/** @module createCaseIntake: the `CaseIntakePort` plugins take cases in through. */
import type { CaseIntakeInput, CaseIntakePort, CaseIntakeResult } from '../../ports/case-intake.ts';
import type { AppDeps } from '../context.ts';
import { intakeCase } from './intake-case.ts';

/** `CaseIntakePort` for plugins (110 linkage, approval, city platform): one case per (channel, externalId). */
export function createCaseIntake(deps: AppDeps): CaseIntakePort {
  return {
    async intakeCase(input: CaseIntakeInput): Promise<CaseIntakeResult> {
      const result = await intakeCase(deps, {
        actor: null,
        channel: input.channel,
        category: input.category ?? 'uncategorized',
        text: input.text,
        externalId: input.externalId,
        allowUnknownCategory: true,
        ...(input.location ? { location: input.location } : {}),
        ...(input.requester ? { requester: input.requester } : {}),
      });
      return { caseId: result.case.id, caseNumber: result.case.number, isDuplicate: result.isDuplicate };
    },
  };
}
