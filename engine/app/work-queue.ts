/**
 * @module The signed-in user's work for today (GET /api/me/work): forms due with their countdown, cases
 * waiting, overdue or near their deadline, supervision requests, rule-set versions and amendments
 * waiting for a decision, plugin dead letters. Every queue is built from the existing operations
 * (getFormsDue, listCases, listRuleSets, listAmendments, the plugin delivery log) under the caller's
 * own permissions and unit scope; every date is "as of" the product clock.
 */
import type { GetApiMeWorkResponse } from '../../schemas/api-types.gen.ts';
import type { LocalizedText } from '../core/errors.ts';
import type { Delivery } from '../ports/plugins.ts';
import { type CaseQueue, listCases } from './cases/list-cases.ts';
import type { CaseSummary } from './cases/view.ts';
import { getCaseWorkflow } from './cases/workflow.ts';
import type { AppDeps } from './context.ts';
import type { FormStatus } from '../core/performance/deadlines.ts';
import { getFormsDue } from './performance/get-forms-due.ts';
import { listAmendments } from './performance/list-amendments.ts';
import { loadScoring } from './performance/scoring-state.ts';
import { type Actor, can } from './permissions.ts';
import type { Role } from '../ports/store.ts';
import { todayOf } from '../core/time-zone.ts';
import { listRuleSets } from './rule-sets/list-rule-sets.ts';

/** The caller's work as of the product clock, as `GET /api/me/work` answers it. */
export type MyWork = GetApiMeWorkResponse;

/** One queue: its label, how many items it holds in all, the most urgent of them. */
export type WorkQueue = MyWork['queues'][number];

/** Which queue an item belongs to. */
export type WorkQueueId = WorkQueue['id'];

/** One thing to do, with the labels to show and the studio route that opens it. */
export type WorkItem = WorkQueue['items'][number];

/** How pressing an item is: past its deadline, near it, or neither. */
export type WorkTone = WorkItem['tone'];

/** Reads the plugin delivery log's dead letters (absent where no plugin runtime is wired). */
export type DeadLetterSource = () => Promise<Delivery[]>;

/** Items shown per queue; `total` counts them all. */
export const WORK_ITEMS_PER_QUEUE = 10;
/** How many months back a unit's forms are looked at (a period locks 5 days after its deadline). */
const MONTHS_BACK = 3;
/** Cases read per page (listCases' largest page). */
const CASES_READ = 200;
/** Most cases one filter reads for the overdue and near-due counts; a district's open cases are far fewer. */
const CASES_SCANNED = 5000;

const t = (en: string, zh: string): LocalizedText => ({ en, zh });
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const LABELS: Record<WorkQueueId, LocalizedText> = {
  formsDue: t('Forms due', '待填报'),
  casesOverdue: t('Overdue cases', '已逾期办件'),
  casesNearDue: t('Cases near their deadline', '临近时限办件'),
  casesWaiting: t('Cases waiting for you', '待办理办件'),
  casesToDispatch: t('Cases waiting for dispatch', '待派单 / 待处理办件'),
  supervision: t('Supervision (督办)', '督办件'),
  reviews: t('Cases for professional review', '待专业评价办件'),
  approvals: t('Rule-set versions waiting for a decision', '待审批规则集版本'),
  amendments: t('Amendment requests', '待审批更正申请'),
  deadLetters: t('Plugin dead letters', '插件投递失败'),
};

const FORM_STATES: Record<FormStatus, LocalizedText> = {
  notDue: t('Not open yet', '未开放'),
  open: t('Open', '填报中'),
  dueSoon: t('Due soon', '即将截止'),
  late: t('Late (grace period)', '已过截止日（补报期）'),
  locked: t('Locked', '已锁定'),
};

/** `YYYY-MM` of the month `back` months before `period`. */
function monthBefore(period: string, back: number): string {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whole days from district day `from` to district day `to` (`YYYY-MM-DD`). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const monthTitle = (period: string): LocalizedText => {
  const year = period.slice(0, 4);
  const month = Number(period.slice(5, 7));
  return t(`${EN_MONTHS[month - 1]} ${year} forms`, `${year}年${month}月报表`);
};

async function unitNames(deps: AppDeps): Promise<Map<string, string>> {
  return new Map((await deps.store.units.list()).map((unit) => [unit.id, unit.name]));
}

/** What every queue is built from: the ports, the caller, the product day and the unit names. */
interface WorkContext {
  deps: AppDeps;
  actor: Actor;
  today: string;
  names: ReadonlyMap<string, string>;
}

/** Every field of an item, in the order it is written; a field its queue does not fill stays null. */
const ITEM_FIELDS: { [K in keyof WorkItem]: null } = {
  key: null,
  title: null,
  detail: null,
  unit: null,
  category: null,
  state: null,
  period: null,
  deadline: null,
  daysLeft: null,
  waitingDays: null,
  tone: null,
  counts: null,
  link: null,
};

/** An item from the fields its queue fills. */
const workItem = (
  item: Pick<WorkItem, 'key' | 'title' | 'state' | 'tone' | 'link'> & Partial<WorkItem>,
): WorkItem => ({
  ...ITEM_FIELDS,
  ...item,
});

const queueOf = (id: WorkQueueId, link: string, total: number, items: WorkItem[]): WorkQueue => ({
  id,
  label: LABELS[id],
  link,
  total,
  items: items.slice(0, WORK_ITEMS_PER_QUEUE),
});

/** A unit's months with forms still empty, the nearest deadline first (locked months are past doing). */
async function formsDueQueue(work: WorkContext): Promise<WorkQueue | null> {
  const { deps, actor, today } = work;
  const unitId = actor.unitId;
  if (unitId === null) return null;
  const items: WorkItem[] = [];
  for (let back = 0; back < MONTHS_BACK; back += 1) {
    const period = monthBefore(today.slice(0, 7), back);
    let due: Awaited<ReturnType<typeof getFormsDue>>;
    try {
      due = await getFormsDue(deps, { actor, unitId, period });
    } catch {
      // No assessment version in force for that month (e.g. before the first one): nothing to fill.
      continue;
    }
    const first = due.forms[0];
    if (!first || first.status === 'locked' || first.status === 'notDue') continue;
    const empty = due.forms.filter((form) => form.entry === null).length;
    if (empty === 0) continue;
    const daysLeft = daysBetween(today, first.deadline);
    items.push(
      workItem({
        key: period,
        title: monthTitle(period),
        detail:
          first.status === 'late'
            ? t(
                `Accepted as late until ${first.lockDate}, then locked`,
                `${first.lockDate} 前仍可补报（记为迟报），之后锁定`,
              )
            : null,
        state: FORM_STATES[first.status],
        period,
        deadline: first.deadline,
        daysLeft,
        tone: daysLeft < 0 ? 'overdue' : first.status === 'dueSoon' ? 'urgent' : 'normal',
        counts: { empty, total: due.forms.length },
        link: `/my-forms?period=${period}`,
      }),
    );
  }
  // The most urgent month first: the nearest deadline (a late month before the open one).
  items.sort((a, b) => (a.deadline ?? '').localeCompare(b.deadline ?? ''));
  return items.length > 0 ? queueOf('formsDue', '/my-forms', items.length, items) : null;
}

function caseItem(work: WorkContext, summary: CaseSummary, basePath: string): WorkItem {
  const { names, today } = work;
  const dueDay = summary.dueAt ? todayOf(new Date(summary.dueAt)) : null;
  const daysLeft = dueDay === null ? null : daysBetween(today, dueDay);
  const lead = summary.leadUnitId;
  return workItem({
    key: summary.id,
    title: t(`Case ${summary.number}`, `办件 ${summary.number}`),
    detail: summary.title ? t(summary.title, summary.title) : null,
    unit: lead ? { id: lead, name: names.get(lead) ?? lead } : null,
    category: summary.categoryName,
    state: summary.statusLabel ?? t(summary.status, summary.status),
    deadline: summary.dueAt,
    daysLeft,
    tone:
      summary.slaLight === 'overdue'
        ? 'overdue'
        : summary.slaLight === 'red' || summary.slaLight === 'yellow'
          ? 'urgent'
          : 'normal',
    link: `${basePath}/${encodeURIComponent(summary.id)}`,
  });
}

/** Cases by nearest deadline first; cases without a running deadline last, newest first among them. */
const byDeadline = (a: CaseSummary, b: CaseSummary): number =>
  a.dueAt === b.dueAt
    ? b.createdAt.localeCompare(a.createdAt)
    : a.dueAt === null
      ? 1
      : b.dueAt === null
        ? -1
        : a.dueAt.localeCompare(b.dueAt);

async function readCases(
  deps: AppDeps,
  actor: Actor,
  filter: { queue: CaseQueue; status?: string },
): Promise<{ items: CaseSummary[]; total: number }> {
  const page = await listCases(deps, { actor, ...filter, limit: CASES_READ });
  return { items: [...page.items].sort(byDeadline), total: page.total };
}

/** Every case of a filter (page by page, up to CASES_SCANNED), each with its live SLA light. */
async function scanCases(
  deps: AppDeps,
  actor: Actor,
  filter: { queue: CaseQueue; status?: string },
): Promise<CaseSummary[]> {
  const out: CaseSummary[] = [];
  for (let offset = 0; offset < CASES_SCANNED; offset += CASES_READ) {
    const page = await listCases(deps, { actor, ...filter, limit: CASES_READ, offset });
    out.push(...page.items);
    if (page.items.length < CASES_READ || out.length >= page.total) break;
  }
  return out;
}

/** Cases whose clock may run: those in a state of the workflow in force that is not final. */
async function casesWithClocks(deps: AppDeps, actor: Actor): Promise<CaseSummary[]> {
  let states: string[];
  try {
    states = (await getCaseWorkflow(deps, { actor })).states
      .filter((state) => state.type !== 'closed')
      .map((state) => state.name);
  } catch {
    // No case rules in force: no case clocks to watch.
    return [];
  }
  // One read per open state: closed cases (most of a year's history) are never projected.
  const out: CaseSummary[] = [];
  for (const status of states) out.push(...(await scanCases(deps, actor, { queue: 'all', status })));
  return out;
}

const isNearDue = (c: CaseSummary) => c.slaLight === 'red' || c.slaLight === 'yellow';

/** The case queues of a unit user (cases waiting for the unit) or of the dispatch centre. */
async function caseQueues(work: WorkContext): Promise<WorkQueue[]> {
  const { deps, actor } = work;
  const out: WorkQueue[] = [];
  const isDispatcher = actor.roles.includes('dispatcher');
  const isUnit = actor.roles.includes('unit') && actor.unitId !== null;
  if (!isDispatcher && !isUnit) return out;
  const item = (summary: CaseSummary) => caseItem(work, summary, '/cases');
  // Unit users: the cases waiting for their unit; the dispatch centre: every case whose clock may run.
  // Each case is projected once at the product clock and sorted by its live light.
  const watched = isDispatcher
    ? await casesWithClocks(deps, actor)
    : await scanCases(deps, actor, { queue: 'unit' });
  const overdue = watched.filter((c) => c.slaLight === 'overdue').sort(byDeadline);
  const near = watched.filter(isNearDue).sort(byDeadline);
  if (isDispatcher) {
    const waiting = await readCases(deps, actor, { queue: 'dispatcher' });
    if (waiting.total > 0)
      out.push(queueOf('casesToDispatch', '/cases', waiting.total, waiting.items.map(item)));
  }
  if (overdue.length > 0) out.push(queueOf('casesOverdue', '/cases', overdue.length, overdue.map(item)));
  if (near.length > 0) out.push(queueOf('casesNearDue', '/cases', near.length, near.map(item)));
  if (!isDispatcher) {
    // The unit's other waiting cases (the overdue and near-due ones are listed above).
    const rest = watched.filter((c) => c.slaLight !== 'overdue' && !isNearDue(c)).sort(byDeadline);
    if (rest.length > 0) out.push(queueOf('casesWaiting', '/cases', rest.length, rest.map(item)));
  }
  return out;
}

/** The first page of a case queue, when the actor holds one of `roles` and the queue is not empty. */
async function casePageFor(
  work: WorkContext,
  roles: readonly Role[],
  queue: CaseQueue,
): Promise<{ items: CaseSummary[]; total: number } | null> {
  if (!roles.some((role) => work.actor.roles.includes(role))) return null;
  const page = await readCases(work.deps, work.actor, { queue });
  return page.total > 0 ? page : null;
}

async function supervisionQueue(work: WorkContext): Promise<WorkQueue | null> {
  const page = await casePageFor(work, ['dispatcher', 'supervisor'], 'supervisor');
  if (!page) return null;
  const items = page.items.map((summary) => {
    const item = caseItem(work, summary, '/cases');
    return summary.supervisionLevel > 0
      ? {
          ...item,
          detail: t(
            `Supervision level ${summary.supervisionLevel}${summary.title ? ` · ${summary.title}` : ''}`,
            `督办 ${summary.supervisionLevel} 级${summary.title ? ` · ${summary.title}` : ''}`,
          ),
        }
      : { ...item, detail: t(`Supervision requested · ${summary.title}`, `已提请督办 · ${summary.title}`) };
  });
  return queueOf('supervision', '/cases/supervision', page.total, items);
}

async function reviewQueue(work: WorkContext): Promise<WorkQueue | null> {
  const page = await casePageFor(work, ['reviewer'], 'reviewer');
  if (!page) return null;
  return queueOf(
    'reviews',
    '/reviews',
    page.total,
    page.items.map((summary) => caseItem(work, summary, '/reviews')),
  );
}

const nameOf = (value: unknown, fallback: string): LocalizedText => {
  if (value && typeof value === 'object') {
    const name = value as { en?: unknown; zh?: unknown };
    const en = typeof name.en === 'string' ? name.en : '';
    const zh = typeof name.zh === 'string' ? name.zh : '';
    if (en || zh) return { en: en || zh, zh: zh || en };
  }
  return typeof value === 'string' ? t(value, value) : t(fallback, fallback);
};

/** Versions in review (to approve, never one's own: four eyes) and approved ones (to publish). */
async function approvalsQueue(work: WorkContext): Promise<WorkQueue | null> {
  const { deps, actor, today } = work;
  if (!can(actor, 'ruleSets.review')) return null;
  const items: WorkItem[] = [];
  for (const set of await listRuleSets(deps, { actor })) {
    for (const version of set.versions) {
      const isInReview = version.status === 'inReview';
      if (!isInReview && !(version.status === 'approved' && can(actor, 'ruleSets.publish'))) continue;
      const name = nameOf(version.name ?? set.name, set.id);
      const isOwn = version.submittedBy === actor.username;
      const since = (isInReview ? version.submittedAt : version.approvedAt) ?? version.createdAt;
      items.push(
        workItem({
          key: `${set.id}@${version.number}`,
          title: t(`${name.en} · version ${version.number}`, `${name.zh} · 第 ${version.number} 版`),
          detail: isInReview
            ? isOwn
              ? t('Submitted by you: another admin approves it', '由您提交：需另一位管理员审批')
              : t(`Submitted by ${version.submittedBy ?? '—'}`, `提交人 ${version.submittedBy ?? '—'}`)
            : t(
                `Approved by ${version.approvedBy ?? '—'}: ready to publish`,
                `已由 ${version.approvedBy ?? '—'} 批准，可发布`,
              ),
          state: isInReview ? t('In review', '待审批') : t('Approved', '待发布'),
          waitingDays: daysBetween(todayOf(new Date(since)), today),
          tone: 'normal',
          link: `/rule-sets/${encodeURIComponent(set.id)}/${version.number}/review`,
        }),
      );
    }
  }
  // Waiting longest first.
  items.sort((a, b) => (b.waitingDays ?? 0) - (a.waitingDays ?? 0));
  return items.length > 0 ? queueOf('approvals', '/rule-sets', items.length, items) : null;
}

async function amendmentsQueue(work: WorkContext): Promise<WorkQueue | null> {
  const { deps, actor, today, names } = work;
  if (!can(actor, 'performance.decide')) return null;
  const { items: pending } = await listAmendments(deps, { actor, status: 'pending' });
  if (pending.length === 0) return null;
  const indicatorNames = new Map<string, LocalizedText>();
  const indicatorOf = async (period: string, indicatorId: string): Promise<LocalizedText> => {
    const key = `${period}/${indicatorId}`;
    const known = indicatorNames.get(key);
    if (known) return known;
    let name = t(indicatorId, indicatorId);
    try {
      const leaf = (await loadScoring(deps, { period })).model.leafById.get(indicatorId);
      if (leaf) name = t(`${leaf.code} ${leaf.name.en}`, `${leaf.code} ${leaf.name.zh}`);
    } catch {
      // The month's version is gone from the timeline: the id is all there is to show.
    }
    indicatorNames.set(key, name);
    return name;
  };
  // Oldest request first.
  const oldest = [...pending].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  const items: WorkItem[] = [];
  for (const amendment of oldest.slice(0, WORK_ITEMS_PER_QUEUE)) {
    const indicator = await indicatorOf(amendment.period, amendment.indicatorId);
    items.push(
      workItem({
        key: amendment.id,
        title: indicator,
        detail: t(amendment.reason, amendment.reason),
        unit: { id: amendment.unitId, name: names.get(amendment.unitId) ?? amendment.unitId },
        state: t('Pending', '待审批'),
        period: amendment.period,
        waitingDays: daysBetween(todayOf(new Date(amendment.requestedAt)), today),
        tone: 'normal',
        link: '/amendments',
      }),
    );
  }
  return queueOf('amendments', '/amendments', pending.length, items);
}

async function deadLetterQueue(
  work: WorkContext,
  source: DeadLetterSource | undefined,
): Promise<WorkQueue | null> {
  const { actor, today } = work;
  if (!source || !can(actor, 'plugins.manage')) return null;
  const dead = await source();
  if (dead.length === 0) return null;
  const items = dead.map(
    (delivery): WorkItem =>
      workItem({
        key: delivery.id,
        title: t(`${delivery.plugin} · ${delivery.topic}`, `${delivery.plugin} · ${delivery.topic}`),
        detail: delivery.lastError ? t(delivery.lastError, delivery.lastError) : null,
        state: t(`Failed after ${delivery.attempts} attempts`, `已尝试 ${delivery.attempts} 次仍失败`),
        waitingDays: daysBetween(todayOf(new Date(delivery.updatedAt)), today),
        tone: 'overdue',
        link: '/plugins',
      }),
  );
  return queueOf('deadLetters', '/plugins', dead.length, items);
}

/** The caller's queues as of the product clock; each built only when the caller may act on it. */
export async function getMyWork(
  deps: AppDeps,
  input: { actor: Actor; deadLetters?: DeadLetterSource },
): Promise<MyWork> {
  const now = deps.clock.now();
  const today = todayOf(now);
  const { actor } = input;
  const names = await unitNames(deps);
  const work: WorkContext = { deps, actor, today, names };
  const queues: WorkQueue[] = [];
  const push = (queue: WorkQueue | null) => {
    if (queue) queues.push(queue);
  };
  if (actor.roles.includes('unit') && can(actor, 'performance.submit')) push(await formsDueQueue(work));
  if (can(actor, 'cases.read')) {
    queues.push(...(await caseQueues(work)));
    push(await supervisionQueue(work));
    push(await reviewQueue(work));
  }
  push(await approvalsQueue(work));
  push(await amendmentsQueue(work));
  push(await deadLetterQueue(work, input.deadLetters));
  return {
    now: now.toISOString(),
    today,
    unit: actor.unitId ? { id: actor.unitId, name: names.get(actor.unitId) ?? actor.unitId } : null,
    queues,
  };
}
