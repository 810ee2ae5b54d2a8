/** @module SQL repositories of migration 005 that live on the Repositories port: outbox and intake requests. */
import type { Sql } from './sql.ts';
import type { Row } from '@libsql/client';
import type { IntakeRequest, IntakeRequestRepository } from '../../ports/case-intake.ts';
import type { OutboxRepository } from '../../ports/outbox.ts';

const jsonOrNull = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const parseOrNull = <T>(value: unknown): T | null =>
  value === null || value === undefined ? null : (JSON.parse(String(value)) as T);

const toIntake = (row: Row): IntakeRequest => ({
  id: String(row.id),
  caseNumber: String(row.case_number),
  channel: String(row.channel),
  externalId: String(row.external_id),
  category: row.category === null ? null : String(row.category),
  text: String(row.text),
  location: parseOrNull(row.location),
  requester: parseOrNull(row.requester),
  createdAt: String(row.created_at),
});

/** The outbox on `sql` (a transaction's connection inside `Store.transaction`). */
export function createOutboxRepository(sql: Sql): OutboxRepository {
  return {
    append: async (event) => {
      const changed = await sql.write(
        `INSERT INTO outbox (topic, payload, dedupe_key, created_at, secrets)
         VALUES (?, ?, ?, coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), ?)
         ON CONFLICT DO NOTHING`,
        [
          event.topic,
          JSON.stringify(event.payload),
          event.key ?? null,
          event.createdAt ?? null,
          event.sealedSecrets ?? null,
        ],
      );
      return changed > 0;
    },
  };
}

/** Intake requests on `sql`. */
export function createIntakeRequestRepository(sql: Sql): IntakeRequestRepository {
  return {
    findByExternalId: async (channel, externalId) => {
      const rows = await sql.read('SELECT * FROM intake_requests WHERE channel = ? AND external_id = ?', [
        channel,
        externalId,
      ]);
      return rows[0] ? toIntake(rows[0]) : null;
    },
    insert: async (request) => {
      await sql.write(
        `INSERT INTO intake_requests (id, case_number, channel, external_id, category, text, location, requester, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          request.id,
          request.caseNumber,
          request.channel,
          request.externalId,
          request.category,
          request.text,
          jsonOrNull(request.location),
          jsonOrNull(request.requester),
          request.createdAt,
        ],
      );
    },
    list: async () => (await sql.read('SELECT * FROM intake_requests ORDER BY created_at, id')).map(toIntake),
    count: async () => Number((await sql.read('SELECT count(*) AS n FROM intake_requests'))[0]?.n ?? 0),
  };
}
