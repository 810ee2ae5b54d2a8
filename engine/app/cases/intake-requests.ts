/** @module Stand-in `intakeCase`: records one intake request per (channel, externalId) and emits `case.accepted`, until case management exists. */
import { ConflictError } from '../../core/errors.ts';
import type {
  CaseIntakeInput,
  CaseIntakePort,
  CaseIntakeResult,
  IntakeRequest,
} from '../../ports/case-intake.ts';
import type { Clock } from '../../ports/clock.ts';
import type { IdSource } from '../../ports/id-source.ts';
import type { SecretBox } from '../../ports/plugins.ts';
import type { TokenSource } from '../../ports/secrets.ts';
import type { Store } from '../../ports/store.ts';
import { enqueueOutbox, sealEventSecrets } from '../outbox.ts';

/** What the stand-in needs. */
export interface IntakeDeps {
  store: Store;
  clock: Clock;
  ids: IdSource;
  tokens: TokenSource;
  /** Seals the requester's phone beside the event (see `sealEventSecrets`). */
  outboxSecretBox?: SecretBox;
}

const caseNumberOf = (at: Date, sequence: number) =>
  `${at.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(6, '0')}`;

/**
 * Records an intake request idempotently: the first call for (channel, externalId) inserts a row
 * and, in the same transaction, a `case.accepted` outbox event; later calls return the same case.
 * The case-management operations will replace this behind the same `CaseIntakePort`.
 */
export async function recordIntakeRequest(
  deps: IntakeDeps,
  input: CaseIntakeInput,
): Promise<CaseIntakeResult> {
  return deps.store.transaction(async (tx) => {
    const existing = await tx.intakeRequests.findByExternalId(input.channel, input.externalId);
    if (existing) return { caseId: existing.id, caseNumber: existing.caseNumber, isDuplicate: true };
    const now = deps.clock.now();
    const request: IntakeRequest = {
      id: deps.ids.newId('case'),
      caseNumber: caseNumberOf(now, (await tx.intakeRequests.count()) + 1),
      channel: input.channel,
      externalId: input.externalId,
      category: input.category ?? null,
      text: input.text,
      location: input.location ?? null,
      requester: input.requester ?? null,
      createdAt: now.toISOString(),
    };
    await tx.intakeRequests.insert(request);
    const isWritten = await enqueueOutbox(tx, {
      topic: 'case.accepted',
      key: request.id,
      createdAt: request.createdAt,
      // The phone only, for plugins granted it; no query password ever leaves intake.
      sealedSecrets: sealEventSecrets(deps, { requesterPhone: request.requester?.phone }),
      payload: {
        caseId: request.id,
        caseNumber: request.caseNumber,
        channel: request.channel,
        externalId: request.externalId,
        category: request.category,
        status: 'accepted',
        deadline: null,
      },
    });
    if (!isWritten) {
      throw new ConflictError('intake.event_exists', {
        en: 'An acceptance event for this case already exists.',
        zh: '该办件的受理事件已存在。',
      });
    }
    return { caseId: request.id, caseNumber: request.caseNumber, isDuplicate: false };
  });
}

/** The stand-in as a `CaseIntakePort`. */
export function createIntakeRecorder(deps: IntakeDeps): CaseIntakePort {
  return { intakeCase: (input) => recordIntakeRequest(deps, input) };
}
