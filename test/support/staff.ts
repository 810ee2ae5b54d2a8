/** @module The demo staff of a real server process, each signed in over the API on first use: workflow actions, school-case intake and the usual runs of a case through the workflow, for tests that drive outside systems. */
import { type LiveSession, signInOverApi } from './live-session.ts';
import type { RunningServer } from './server.ts';

/** A case as GET /api/cases/:id returns it, as far as the outside-system tests read it. */
export interface CaseDetail {
  id: string;
  number: string;
  status: string;
  channel: string;
  externalId: string | null;
  flags: Record<string, unknown>;
  history: Array<{
    type: string;
    actor: { username: string; role: string } | null;
    payload: { action?: string; from?: string; to?: string; input?: Record<string, unknown> };
  }>;
}

/** The staff of one server. */
export interface Staff {
  /** The session of a demo user, signed in on first use. */
  as(user: string): Promise<LiveSession>;
  /** Takes the workflow action on the case as `user`; throws on a refusal. */
  act<C = CaseDetail>(
    user: string,
    id: string,
    action: string,
    input?: Record<string, unknown>,
  ): Promise<{ case: C }>;
  /**
   * A school case (category education.school, whose lead unit is dept_user's) taken in over the
   * hotline by the dispatcher; `extra` joins the intake body (a location, a requester).
   */
  intakeSchoolCase(text: string, extra?: Record<string, unknown>): Promise<CaseDetail>;
}

/** The demo staff of `server`. */
export function staffOf(server: RunningServer): Staff {
  const sessions: Record<string, LiveSession> = {};
  const as = async (user: string) => {
    sessions[user] ??= await signInOverApi(server, user);
    return sessions[user];
  };
  return {
    as,
    act: async <C>(user: string, id: string, action: string, input: Record<string, unknown> = {}) =>
      (await as(user)).apiJson<{ case: C }>(`/api/cases/${id}/actions/${action}`, {
        method: 'POST',
        json: { input },
      }),
    intakeSchoolCase: async (text, extra = {}) => {
      const { case: c } = await (await as('dispatcher')).apiJson<{ case: CaseDetail }>('/api/cases', {
        method: 'POST',
        json: { channel: 'hotline', category: 'education.school', text, ...extra },
      });
      return c;
    },
  };
}

/** The dispatcher dispatches the school case, dept_user signs for it, handles it with `result` and replies `reply`. */
export async function dispatchToReplied(
  staff: Staff,
  id: string,
  outcome: { result: string; reply: string },
): Promise<void> {
  await staff.act('dispatcher', id, 'dispatch');
  await staff.act('dept_user', id, 'signFor');
  await staff.act('dept_user', id, 'handle', { result: outcome.result });
  await staff.act('dept_user', id, 'reply', { reply: outcome.reply });
}

/** The dispatcher verifies the reply, notifies the citizen and closes the case unrated (the return call did not get through). */
export async function closeUnrated(staff: Staff, id: string): Promise<{ case: CaseDetail }> {
  await staff.act('dispatcher', id, 'verify');
  await staff.act('dispatcher', id, 'notifyCitizen');
  return staff.act('dispatcher', id, 'closeWithoutRating', { reason: '回访未接通' });
}
