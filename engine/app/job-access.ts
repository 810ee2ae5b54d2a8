/** @module Reading a job (what-if run) as its starter, an admin or an auditor. */
import { PermissionError } from '../core/errors.ts';
import type { AppDeps } from './context.ts';
import { getJob, type JobView } from './jobs.ts';
import type { Actor } from './permissions.ts';

/** Whether `actor` may read a job started by `startedBy`: the starter, admins and auditors. */
export function canReadJob(actor: Pick<Actor, 'username' | 'roles'>, startedBy: string): boolean {
  return actor.username === startedBy || actor.roles.includes('admin') || actor.roles.includes('auditor');
}

/**
 * One job with its progress and, once done, its result. 404 `job.not_found` when unknown or
 * forgotten; 403 `job.forbidden` for someone else's job unless the caller is an admin or auditor.
 */
export async function getJobView(_deps: AppDeps, input: { actor: Actor; id: string }): Promise<JobView> {
  const job = getJob(input.id);
  if (!canReadJob(input.actor, job.startedBy))
    throw new PermissionError(
      'job.forbidden',
      {
        en: 'Only the user who started this computation, an admin or an auditor may read it.',
        zh: '只有发起该计算任务的用户、管理员或审计员可以查看。',
      },
      { path: '/params/id' },
    );
  return job;
}
