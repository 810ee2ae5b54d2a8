/**
 * @module The set-up every hand-off journey shares: Baton (bin/start.js) with a fast outbox and one
 * simulated outside system as two real processes on 127.0.0.1, the plugin enabled over the API by the
 * admin, and workflow actions taken as any demo user (signed in once, on first use).
 */
import { type LiveSession, setUpPlugin, signInOverApi } from './live-session.ts';
import { type OutsideProcess, startOutside } from './outside-process.ts';
import { type RunningServer, startServer } from './server.ts';

/** A running journey: the two processes, the admin's session and an action helper. */
export interface HandoffJourney {
  server: RunningServer;
  outside: OutsideProcess;
  admin: LiveSession;
  /** The session of a demo user, signed in on first use. */
  as(user: string): Promise<LiveSession>;
  /** Takes the workflow action on the case as `user`; throws on a refusal. */
  act<C = { id: string; status: string }>(
    user: string,
    id: string,
    action: string,
    input?: Record<string, unknown>,
  ): Promise<{ case: C }>;
  stop(): Promise<void>;
}

/** Starts Baton and the outside system `outside`, then enables `plugin` against it with the shared key and secret. */
export async function startHandoffJourney(options: {
  outside: 'approval' | 'city' | '110';
  plugin: string;
  apiKey: string;
  secret: string;
}): Promise<HandoffJourney> {
  const server = await startServer({
    env: { BATON_OUTBOX_POLL_MS: '100', BATON_OUTBOX_BASE_DELAY_MS: '200', BATON_OUTBOX_MAX_DELAY_MS: '800' },
  });
  const outside = await startOutside(options.outside, {
    batonUrl: server.url,
    plugin: options.plugin,
    apiKey: options.apiKey,
    secret: options.secret,
  }).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const sessions: Record<string, LiveSession> = {};
  const as = async (user: string) => {
    sessions[user] ??= await signInOverApi(server, user);
    return sessions[user];
  };
  const admin = await as('admin');
  await setUpPlugin(admin, {
    name: options.plugin,
    config: { baseUrl: outside.url },
    credentials: { apiKey: options.apiKey, webhookSecret: options.secret },
  });
  return {
    server,
    outside,
    admin,
    as,
    act: async <C>(user: string, id: string, action: string, input: Record<string, unknown> = {}) =>
      (await as(user)).apiJson<{ case: C }>(`/api/cases/${id}/actions/${action}`, {
        method: 'POST',
        json: { input },
      }),
    stop: async () => {
      await Promise.all([server.stop(), outside.stop()]);
    },
  };
}
