/**
 * @module The set-up every hand-off journey shares: Baton (bin/start.js) with a fast outbox and one
 * simulated outside system as two real processes on 127.0.0.1, the plugin enabled over the API by the
 * admin, and workflow actions taken as any demo user (signed in once, on first use).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { type LiveSession, setUpPlugin, until } from './live-session.ts';
import { type OutsideProcess, type ReceivedRequest, startOutside } from './outside-process.ts';
import { fastOutboxEnv, type RunningServer, startServer } from './server.ts';
import { type CaseDetail, type Staff, staffOf } from './staff.ts';

/** How a journey starts: the outside system, the plugin that talks to it, and the key and secret they share. */
export interface HandoffJourneyOptions {
  outside: 'approval' | 'city' | '110';
  plugin: string;
  apiKey: string;
  secret: string;
}

/** The case Baton opened for a message of the outside system. */
export interface OpenedCase {
  caseId: string;
  caseNumber: string;
  isDuplicate: boolean;
}

/** A running journey: the two processes, the admin's session and the staff's helpers. */
export interface HandoffJourney extends Staff {
  server: RunningServer;
  outside: OutsideProcess;
  admin: LiveSession;
  /** The case as the admin reads it. */
  detail(id: string): Promise<CaseDetail>;
  /** Waits for the hand-off of the case at the outside system (the first request it accepted on the case, at `path` when given). */
  handoffAtOutside(caseNumber: string, path?: string): Promise<ReceivedRequest>;
  /** Waits for the outside system's report `status` on the case's hand-off, as the plugin recorded it. */
  reportOn(caseNumber: string, status: string): Promise<{ status: string; externalId: string }>;
  /**
   * Has the outside system send one message that opens a case (`command` with `body`), delivered twice
   * under one delivery id and re-sent under a new one; checks that Baton accepted it, answered the
   * repeat as a duplicate and the re-sent message with the same case, and returns that case.
   */
  sendRepeated(command: string, body: Record<string, unknown>): Promise<OpenedCase>;
  stop(): Promise<void>;
}

/** Starts Baton and the outside system `outside`, then enables `plugin` against it with the shared key and secret. */
export async function startHandoffJourney(options: HandoffJourneyOptions): Promise<HandoffJourney> {
  const server = await startServer({ env: fastOutboxEnv({ maxDelayMs: 800 }) });
  const outside = await startOutside(options.outside, {
    batonUrl: server.url,
    plugin: options.plugin,
    apiKey: options.apiKey,
    secret: options.secret,
  }).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const staff = staffOf(server);
  const admin = await staff.as('admin');
  await setUpPlugin(admin, {
    name: options.plugin,
    config: { baseUrl: outside.url },
    credentials: { apiKey: options.apiKey, webhookSecret: options.secret },
  });
  return {
    ...staff,
    server,
    outside,
    admin,
    detail: (id) => admin.apiJson<CaseDetail>(`/api/cases/${id}`),
    handoffAtOutside: (caseNumber, path) =>
      until(async () => {
        const log = await outside.log();
        return (
          log.received.find(
            (r) => (path === undefined || r.path === path) && r.body.caseNumber === caseNumber,
          ) ?? null
        );
      }, `the hand-off of ${caseNumber} at ${options.outside}`),
    reportOn: (caseNumber, status) =>
      until(async () => {
        const list = await admin.apiJson<Array<{ status: string; externalId: string }>>(
          `/api/plugins/${options.plugin}/handoffs?caseNumber=${caseNumber}`,
        );
        return list.find((s) => s.status === status) ?? null;
      }, `${options.outside}'s ${status} report on ${caseNumber}`),
    sendRepeated: async (command, body) => {
      const sent = await outside.command<
        Array<{ status: number; answer: { status: string; results: OpenedCase[] } }>
      >(command, { ...body, duplicateDelivery: true, duplicateMessage: true });
      expect(sent.map((s) => [s.status, s.answer.status])).toEqual([
        [200, 'accepted'],
        [200, 'duplicate'],
        [200, 'accepted'],
      ]);
      const opened = sent[0]!.answer.results[0]!;
      expect(sent[2]!.answer.results[0]).toEqual({ ...opened, isDuplicate: true });
      return opened;
    },
    stop: async () => {
      await Promise.all([server.stop(), outside.stop()]);
    },
  };
}

/** Runs a journey for the test file: started before all its tests (then handed to `ready`), stopped after. */
export function useHandoffJourney(
  options: HandoffJourneyOptions,
  ready: (journey: HandoffJourney) => Promise<void> | void,
): void {
  let journey: HandoffJourney | undefined;
  beforeAll(async () => {
    journey = await startHandoffJourney(options);
    await ready(journey);
  }, 120_000);
  afterAll(() => journey?.stop());
}
