/** @module Deterministic demo cases (pure): a year of citizen requests (templates per category and street, every channel) with the workflow steps each one went through. */
import { CATEGORIES, type DemoCaseCategory, drawCaseData, fillIn } from './demo-case-categories.ts';
import { CHANNELS, EMPLOYERS, ESTATES, MERCHANTS, ROADS, STREETS, SURNAMES } from './demo-case-places.ts';
import { addWorkingHours, HOUR, officeHours } from './office-hours.ts';
import { pick, type Rng, seededRandom } from './random.ts';

/** Who takes a step: a staff role, or the case's current lead / assisting unit at that moment. */
export type DemoStepActor = 'dispatcher' | 'supervisor' | 'reviewer' | 'lead' | 'assisting';

/** One workflow action of a demo case, at its instant. */
export interface DemoCaseStep {
  action: string;
  by: DemoStepActor;
  /** Action input; `leadUnitId: '$redirect'` asks the loader for another unit than the current lead. */
  input: Record<string, unknown>;
  /** ISO instant. */
  at: string;
}

/** One demo case: the intake input and the steps taken after it, in time order. */
export interface DemoCasePlan {
  channel: string;
  category: string;
  text: string;
  data: Record<string, unknown>;
  requester: { name: string; phone: string; type: 'citizen' | 'enterprise' };
  location: { address: string; streetId: string; communityId: string };
  externalId?: string;
  receivedAt: string;
  steps: DemoCaseStep[];
}

/** Options of {@link generateDemoCases}. */
export interface DemoCaseOptions {
  /** Cases are received from `from` up to `now` (ISO instants); steps after `now` are left out. */
  now: string;
  /** First possible receipt (ISO instant), e.g. the first day a case rule set is in force. */
  from: string;
  /** How many cases (default 2,000). */
  count?: number;
  /** PRNG seed; the same seed and `now` give the same cases. */
  seed?: number;
}

function weighted<T>(rng: Rng, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items.at(-1)![0];
}

const iso = (ms: number) => new Date(ms).toISOString();

type Category = DemoCaseCategory;

/**
 * Generates `count` cases received between `from` and `now`, oldest first, each with the steps
 * it went through: dispatch, sign-for, some returns and re-dispatches, extensions, supervision,
 * assisting opinions, handling (some late), reply, verification, notification, rating (some
 * unsatisfied → review → redo or confirmation) and closing. Steps after `now` are dropped, so recent
 * cases are still open. Pure and deterministic.
 */
export function generateDemoCases(options: DemoCaseOptions): DemoCasePlan[] {
  const rng = seededRandom(options.seed ?? 20_260_101);
  const count = options.count ?? 2000;
  const start = Date.parse(options.from);
  const now = Date.parse(options.now);
  if (!(now > start + HOUR)) return [];
  const received = Array.from({ length: count }, () => start + rng() * (now - start - HOUR)).sort(
    (a, b) => a - b,
  );
  const plans = received.map((raw, index) => {
    // Most calls come in office hours; the hotline also takes evening calls.
    const t0 = rng() < 0.8 ? officeHours(raw) : raw;
    const { plan, category } = planIntake(rng, t0, index);
    planSteps(rng, { plan, category, t0 });
    return plan;
  });
  // Steps after the clock's now have not happened yet.
  for (const plan of plans) plan.steps = plan.steps.filter((s) => Date.parse(s.at) <= now);
  return plans;
}

const CATEGORY_WEIGHTS = CATEGORIES.map((c) => [c, c.weight] as [Category, number]);

/** The intake of the `index`-th case, received at `t0`: category, channel, place, text and requester. */
function planIntake(rng: Rng, t0: number, index: number): { plan: DemoCasePlan; category: Category } {
  const category = weighted(rng, CATEGORY_WEIGHTS);
  const channel = weighted(
    rng,
    category.channels ? CHANNELS.filter(([c]) => category.channels!.includes(c)) : CHANNELS,
  );
  const street = pick(rng, STREETS);
  const community = pick(rng, street.communities);
  const fill: Record<string, string> = {
    road: pick(rng, ROADS),
    estate: pick(rng, ESTATES),
    community,
    merchant: pick(rng, MERCHANTS),
    employer: pick(rng, EMPLOYERS),
  };
  const text = fillIn(pick(rng, category.texts), fill);
  const isEnterprise =
    category.code === 'market.consumer-complaint' ? false : rng() < (category.enterprise ?? 0.06);
  const plan: DemoCasePlan = {
    channel,
    category: category.code,
    text: `${street.name}${text}`,
    data: drawCaseData(category, rng, fill),
    requester: {
      name: isEnterprise
        ? `${fill.employer}（企业）`
        : `${pick(rng, SURNAMES)}${rng() < 0.5 ? '先生' : '女士'}`,
      phone: `1${pick(rng, ['35', '38', '39', '58', '86', '88'])}${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`,
      type: isEnterprise ? 'enterprise' : 'citizen',
    },
    location: {
      address: `${street.name}${community}${fill.estate}`,
      streetId: street.id,
      communityId: `comm-${street.id.slice('street-'.length)}-${street.communities.indexOf(community) + 1}`,
    },
    ...(channel === 'cityTransfer'
      ? { externalId: `CT-${iso(t0).slice(0, 4)}-${String(index + 1).padStart(5, '0')}` }
      : {}),
    receivedAt: iso(t0),
    steps: [],
  };
  return { plan, category };
}

/** Adds a step to the plan `hours` working hours after the previous one. */
type Step = (action: string, by: DemoStepActor, input: Record<string, unknown>, hours: number) => void;

/** The steps of a case after intake, up to the reply and the citizen's rating. */
function planSteps(rng: Rng, { plan, category, t0 }: { plan: DemoCasePlan; category: Category; t0: number }) {
  let at = t0;
  const step: Step = (action, by, input, hours) => {
    at = addWorkingHours(at, hours);
    plan.steps.push({ action, by, input, at: iso(at) });
  };
  step('dispatch', 'dispatcher', {}, 0.1 + rng() * 1.5);
  if (rng() < 0.07) {
    step('return', 'lead', { reason: '经核实不属于本单位职责范围，申请退回重新派单' }, 0.5 + rng() * 3);
    if (rng() < 0.25)
      step('rejectReturn', 'dispatcher', { reason: '经核查属于该单位职责，退单不成立' }, 0.5 + rng());
    else step('dispatch', 'dispatcher', { leadUnitId: '$redirect' }, 0.3 + rng());
  }
  step('signFor', 'lead', {}, 0.2 + rng() * 2.5);
  // Working hours a unit has to handle it (enquiries 1 day, utilities 1–3 days, others 5 days).
  const budget =
    category.hours ??
    (category.code.startsWith('consult.') ? 7 : category.code.startsWith('utilities.') ? 12 : 36);
  step(
    'submitAssist',
    'assisting',
    { opinion: '已按职责配合现场核查，意见已反馈主办单位' },
    budget * (0.05 + rng() * 0.2),
  );
  const isLate = rng() < 0.09;
  if (rng() < 0.06) {
    step('requestExtension', 'lead', { reason: '需协调多个部门现场核查', workingDays: 3 }, 4 + rng() * 8);
    step('approveExtension', 'dispatcher', {}, 0.5 + rng() * 2);
  }
  if (rng() < 0.04) {
    step('requestSupervision', 'dispatcher', { reason: '群众多次来电反映，办理进度缓慢' }, 2 + rng() * 6);
    step('approveSupervision', 'supervisor', { opinion: '同意督办，请主办单位限期办结' }, 0.5 + rng() * 3);
  }
  const handle = (result: string) =>
    step('handle', 'lead', { result }, budget * (isLate ? 1.3 + rng() : 0.1 + rng() * 0.45));
  handle('已安排工作人员现场核查处置，问题已解决');
  step('reply', 'lead', { reply: '您反映的问题已处理完毕，感谢您的监督' }, 0.3 + rng() * 3);
  step('verify', 'dispatcher', {}, 0.5 + rng() * 4);
  step('notifyCitizen', 'dispatcher', {}, 0.2 + rng() * 2);
  planRating(rng, { step, handle, isLate });
}

/** The citizen's rating (some unsatisfied → review → redo or confirmation) and closing. */
function planRating(
  rng: Rng,
  { step, handle, isLate }: { step: Step; handle: (result: string) => void; isLate: boolean },
) {
  const r = rng();
  if (r < 0.04) {
    step('closeWithoutRating', 'dispatcher', { reason: '回访电话三次未接通' }, 8 + rng() * 8);
    return;
  }
  const satisfaction = isLate
    ? pick(rng, ['basicallySatisfied', 'unsatisfied', 'satisfied'] as const)
    : r < 0.8
      ? 'satisfied'
      : r < 0.93
        ? 'basicallySatisfied'
        : 'unsatisfied';
  step(
    'rate',
    'dispatcher',
    { satisfaction, ...(satisfaction === 'unsatisfied' ? { comment: '问题没有根本解决' } : {}) },
    4 + rng() * 12,
  );
  if (satisfaction === 'unsatisfied') {
    if (rng() < 0.6) {
      step('orderRedo', 'reviewer', { opinion: '整改不到位，退回重办' }, 4 + rng() * 12);
      handle('重新组织核查整改，已彻底解决');
      step('reply', 'lead', { reply: '已重新办理，问题已彻底解决' }, 0.3 + rng() * 3);
      step('verify', 'dispatcher', {}, 0.5 + rng() * 3);
      step('notifyCitizen', 'dispatcher', {}, 0.2 + rng() * 2);
      step(
        'rate',
        'dispatcher',
        { satisfaction: rng() < 0.8 ? 'satisfied' : 'basicallySatisfied' },
        4 + rng() * 8,
      );
    } else step('confirmHandling', 'reviewer', { opinion: '经评议，承办单位已依法依规办理' }, 4 + rng() * 12);
  }
  step('close', 'dispatcher', {}, 0.5 + rng() * 4);
}
