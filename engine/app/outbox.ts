/** @module Outbox: how any operation hands a domain event to the plugins, atomically with its own change. */
import type { Issue } from '../core/errors.ts';
import { ValidationError } from '../core/errors.ts';
import { checkEvent } from '../core/events/catalogue.ts';
import type { PersonalDataField } from '../core/plugin-api.ts';
import type { OutboxEventInput } from '../ports/outbox.ts';
import type { Repositories } from '../ports/store.ts';
import type { AppDeps } from './context.ts';

const TOPIC = /^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/;

/** What enqueueOutbox does with an event the catalogue does not declare or whose payload does not match. */
export type EventCheckMode =
  /** Refuse it (the transaction rolls back): the default, so tests and development fail loudly. */
  | { mode: 'strict' }
  /** Write it anyway and report the issues (production: a catalogue slip must not lose the change). */
  | { mode: 'report'; report: (event: { topic: string }, issues: Issue[]) => void };

let checkMode: EventCheckMode = { mode: 'strict' };

/** Sets how outbox events are checked against the event catalogue (engine/main.ts chooses, from BATON_EVENT_CHECKS). */
export function setEventCheckMode(mode: EventCheckMode): void {
  checkMode = mode;
}

/**
 * Appends a domain event to the outbox on the transaction `tx` (the repositories handed to
 * `store.transaction`), so the event commits or rolls back with the change that caused it. The
 * outbox worker later delivers it to every enabled plugin subscribed to `topic`.
 *
 * ```ts
 * await deps.store.transaction(async (tx) => {
 *   await tx.cases.insert(record);               // the domain change
 *   await enqueueOutbox(tx, { topic: 'case.accepted', payload: { caseId, caseNumber }, key: caseId });
 * });
 * ```
 * Resolves false when `key` was given and an event with the same topic and key already exists.
 *
 * The topic must be declared in the event catalogue (engine/core/events/catalogue.ts) and the payload
 * must match its schema (compiled ajv, checked on every write). In the default `strict` mode an
 * undeclared topic throws `outbox.undeclared_topic` and a bad payload `outbox.invalid_payload`; in
 * `report` mode (see {@link setEventCheckMode}) the event is written and the issues reported.
 */
export async function enqueueOutbox(
  tx: Pick<Repositories, 'outbox'>,
  event: OutboxEventInput,
): Promise<boolean> {
  if (!TOPIC.test(event.topic)) {
    throw new ValidationError('outbox.bad_topic', {
      en: `Outbox topic "${event.topic}" must be dotted lower camel case, e.g. case.accepted.`,
      zh: `事件主题“${event.topic}”格式不正确，应类似 case.accepted。`,
    });
  }
  const issues = checkEvent(event);
  if (issues.length > 0) {
    if (checkMode.mode === 'report') checkMode.report({ topic: event.topic }, issues);
    else
      throw new ValidationError(
        issues[0]!.code,
        {
          en: `Outbox event "${event.topic}" does not match the event catalogue: ${issues.map((i) => i.message).join('; ')}`,
          zh: `事件“${event.topic}”不符合事件目录：${issues.map((i) => i.messageZh ?? i.message).join('；')}`,
        },
        { details: { issues } },
      );
  }
  return tx.outbox.append(event);
}

/**
 * Seals an event's personal fields (the citizen's phone number) for `OutboxEventInput.sealedSecrets`:
 * they never enter the payload, and the outbox worker opens them only for plugins whose manifest lists
 * them in `personalData` and whose administrator granted them. Only `PersonalDataField`s can be sealed:
 * the query password never leaves intake. Null values are left out; null when nothing is left or no
 * sealing key is configured (the fields are then dropped, never stored in plain text).
 */
export function sealEventSecrets(
  deps: Pick<AppDeps, 'outboxSecretBox'>,
  secrets: Partial<Record<PersonalDataField, string | null | undefined>>,
): string | null {
  const kept = Object.fromEntries(
    Object.entries(secrets).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  if (!deps.outboxSecretBox || Object.keys(kept).length === 0) return null;
  return deps.outboxSecretBox.seal(JSON.stringify(kept));
}
