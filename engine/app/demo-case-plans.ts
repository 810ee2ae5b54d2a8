/** @module Deterministic demo cases (pure): a year of citizen requests (templates per category and street, every channel) with the workflow steps each one went through. */

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
  /** Cases are received from 2026-01-01 up to `now` (ISO instant); steps after `now` are left out. */
  now: string;
  /** How many cases (default 2,000). */
  count?: number;
  /** PRNG seed; the same seed and `now` give the same cases. */
  seed?: number;
}

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

// Names as in seeds/units.json.
const STREETS: readonly { id: string; name: string; communities: readonly string[] }[] = [
  { id: 'street-xinhua', name: '新华街道', communities: ['和平里社区', '新华里社区', '光明社区'] },
  { id: 'street-dongcheng', name: '东城街道', communities: ['东关社区', '朝阳门社区', '龙潭社区'] },
  { id: 'street-xicheng', name: '西城街道', communities: ['西关社区', '白塔社区', '金融街社区'] },
  { id: 'street-nanyuan', name: '南苑街道', communities: ['南苑北里社区', '槐房社区', '新宫社区'] },
  { id: 'street-beiyuan', name: '北苑街道', communities: ['北苑家园社区', '清河社区', '立水桥社区'] },
  { id: 'street-binhe', name: '滨河街道', communities: ['滨河湾社区', '柳荫社区', '望江社区'] },
  { id: 'street-jinqiao', name: '金桥街道', communities: ['金桥东社区', '碧云社区', '张江路社区'] },
  { id: 'street-huayuan', name: '花园街道', communities: ['花园新村社区', '玉兰社区', '紫藤社区'] },
  { id: 'street-qingshan', name: '青山街道', communities: ['青山湖社区', '松林社区', '石门社区'] },
  { id: 'street-gaoxin', name: '高新街道', communities: ['科技园社区', '创业社区', '智慧城社区'] },
];

const ROADS = [
  '人民路',
  '建设大道',
  '解放路',
  '中山路',
  '滨河路',
  '文化街',
  '光明路',
  '青年路',
  '胜利街',
  '朝阳路',
];
const ESTATES = [
  '阳光花园',
  '锦绣家园',
  '翠湖小区',
  '金色港湾',
  '幸福里小区',
  '和谐家园',
  '书香苑',
  '碧水湾',
];
const MERCHANTS = ['某超市', '某健身房', '某培训机构', '某电器商城', '某餐饮店', '某手机店', '某美容店'];
const EMPLOYERS = ['某建筑劳务公司', '某装修公司', '某物流公司', '某餐饮管理公司', '某电子厂'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡'];

/** Texts per category; `{road}`, `{estate}`, `{community}`, `{merchant}`, `{employer}` are filled in. */
const CATEGORIES: readonly {
  code: string;
  weight: number;
  texts: readonly string[];
  data?: (rng: Rng, fill: Record<string, string>) => Record<string, unknown>;
}[] = [
  {
    code: 'urban.street-vending',
    weight: 8,
    texts: [
      '{road}与{community}路口每天傍晚有流动摊贩占道经营，行人只能走机动车道，存在安全隐患。',
      '{estate}门口早市摊贩占道摆摊，垃圾满地，希望城管加强管理。',
      '{road}沿街商户出店经营，桌椅摆到人行道上，盲道被占用。',
    ],
  },
  {
    code: 'urban.illegal-construction',
    weight: 5,
    texts: [
      '{estate}顶楼住户私自加盖阳光房，已经施工一周，影响楼体安全。',
      '{community}有住户在公共绿地私搭乱建棚子，请有关部门核查拆除。',
      '{estate}一楼住户扩建院墙占用公共通道，消防车无法通行。',
    ],
  },
  {
    code: 'environment.garbage',
    weight: 10,
    texts: [
      '{estate}小区垃圾三天没有清运，天气热了异味很大，请尽快处理。',
      '{road}路边垃圾桶满溢，周边散落大量垃圾，影响市容。',
      '{community}垃圾分类投放点长期无人值守，垃圾乱扔现象严重。',
    ],
  },
  {
    code: 'environment.noise',
    weight: 9,
    texts: [
      '{road}工地夜间打桩施工噪音很大，严重影响周边居民休息。',
      '{estate}广场舞音响声音过大，每天晚上持续到十点以后。',
      '{community}附近商铺用大功率音箱招揽顾客，噪音扰民。',
    ],
    data: (rng) => ({ period: rng() < 0.55 ? '夜间（22时至次日6时）' : '白天' }),
  },
  {
    code: 'environment.pollution',
    weight: 4,
    texts: [
      '{road}附近河道有污水偷排，河水发黑发臭。',
      '{community}附近有小作坊排放黑烟，气味刺鼻。',
      '{estate}旁边餐馆油烟直排，楼上住户无法开窗。',
    ],
    data: (rng) => ({ pollutionType: pick(rng, ['大气', '水体', '固体废物', '其他']) }),
  },
  {
    code: 'utilities.water-outage',
    weight: 5,
    texts: [
      '{estate}从早上开始停水，没有任何通知，家中老人生活困难。',
      '{estate}高层水压不足，晚上用水高峰期基本没有水。',
      '{community}自来水发黄有异味，担心水质问题。',
    ],
  },
  {
    code: 'utilities.gas',
    weight: 3,
    texts: [
      '{estate}楼道里闻到燃气味，担心漏气，请尽快派人检查。',
      '{estate}燃气表显示异常，费用明显偏高，要求核查。',
    ],
    data: (rng) => ({ smellGas: rng() < 0.4 }),
  },
  {
    code: 'utilities.power-outage',
    weight: 4,
    texts: [
      '{estate}整栋楼突然停电两个多小时，冰箱里的东西都坏了。',
      '{community}电压不稳，家用电器经常跳闸。',
    ],
  },
  {
    code: 'labour.wage-arrears',
    weight: 5,
    texts: [
      '在{employer}务工半年，老板拖欠工资至今未付，多次讨要无果。',
      '{employer}拖欠十余名农民工工资，项目已完工但迟迟不结算。',
    ],
    data: (_rng, fill) => ({ employer: fill.employer }),
  },
  {
    code: 'education.school',
    weight: 6,
    texts: [
      '孩子今年入学，{community}对应学校学位紧张，想咨询入学政策。',
      '{road}附近校外培训机构违规收费，退费困难。',
      '学校门口早晚高峰交通拥堵，希望增派人员疏导。',
    ],
  },
  {
    code: 'health.medical',
    weight: 5,
    texts: [
      '在区医院看病排队时间过长，挂号难，希望改进。',
      '医保异地报销手续繁琐，材料退回多次，请给予指导。',
      '{community}卫生服务站经常缺药，老年人配药不方便。',
    ],
  },
  {
    code: 'traffic.road-damage',
    weight: 7,
    texts: [
      '{road}路面出现大坑洞，夜间骑车容易摔倒，请尽快修补。',
      '{road}人行道井盖缺失，存在严重安全隐患。',
      '{road}路面塌陷，已经有车辆被卡住。',
    ],
    data: (_rng, fill) => ({ road: fill.road }),
  },
  {
    code: 'housing.property-dispute',
    weight: 8,
    texts: [
      '{estate}电梯经常故障停运，物业维修不及时，老人上下楼困难。',
      '{estate}物业费上涨未经业主大会同意，服务质量却下降。',
      '{estate}业委会换届选举程序不规范，请街道指导。',
    ],
    data: (_rng, fill) => ({ estate: fill.estate }),
  },
  {
    code: 'market.consumer-complaint',
    weight: 6,
    texts: [
      '在{merchant}办理的预付卡，商家跑路无法退款。',
      '{merchant}销售假冒商品，要求退货被拒绝。',
      '在{merchant}消费后发现价格与标价不符，多收费用。',
    ],
    data: (_rng, fill) => ({ merchant: fill.merchant }),
  },
  {
    code: 'consult.policy',
    weight: 5,
    texts: [
      '咨询灵活就业人员社保补贴怎么办理，需要哪些材料。',
      '咨询老旧小区加装电梯的补贴政策。',
      '咨询新生儿落户需要办理哪些手续。',
    ],
  },
];

const CHANNELS: readonly [string, number][] = [
  ['hotline', 55],
  ['web', 12],
  ['wechat', 8],
  ['app', 5],
  ['community', 7],
  ['cityTransfer', 6],
  ['grid', 5],
  ['deputy', 2],
];

function weighted<T>(rng: Rng, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items.at(-1)![0];
}

const HOUR = 3_600_000;
const OFFSET = 8 * HOUR; // district time (Asia/Shanghai) has no daylight saving

/** Moves an instant into office hours (Mon–Fri 08:30–17:30 district time), keeping the minute of day when it fits. */
function officeHours(ms: number): number {
  const local = new Date(ms + OFFSET);
  for (let i = 0; i < 8; i++) {
    const day = local.getUTCDay();
    const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
    if (day === 0 || day === 6 || minutes >= 17 * 60 + 30) {
      local.setUTCDate(local.getUTCDate() + 1);
      local.setUTCHours(8, 45 + (minutes % 40), 0, 0);
      continue;
    }
    if (minutes < 8 * 60 + 30) local.setUTCHours(8, 35 + (minutes % 50), 0, 0);
    break;
  }
  return local.getTime() - OFFSET;
}

/** Adds working hours (8 a day, weekends skipped; holidays ignored, so some cases run late as in real life). */
function addWorkingHours(ms: number, hours: number): number {
  let at = officeHours(ms);
  let left = hours;
  while (left > 0) {
    const local = new Date(at + OFFSET);
    const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 17, 30) - OFFSET;
    const room = (end - at) / HOUR;
    if (left <= room) return at + left * HOUR;
    left -= room;
    at = officeHours(end + 60_000);
  }
  return at;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Generates `count` cases received between 2026-01-01 and `now`, oldest first, each with the steps
 * it went through: dispatch, sign-for, some returns and re-dispatches, extensions, supervision,
 * assisting opinions, handling (some late), reply, verification, notification, rating (some
 * unsatisfied → review → redo or confirmation) and closing. Steps after `now` are dropped, so recent
 * cases are still open. Pure and deterministic.
 */
export function generateDemoCases(options: DemoCaseOptions): DemoCasePlan[] {
  const rng = mulberry32(options.seed ?? 20_260_101);
  const count = options.count ?? 2000;
  const start = Date.parse('2026-01-01T00:00:00+08:00');
  const now = Date.parse(options.now);
  if (!(now > start)) return [];
  const received = Array.from({ length: count }, () => start + rng() * (now - start - HOUR)).sort(
    (a, b) => a - b,
  );
  const categoryWeights = CATEGORIES.map((c) => [c, c.weight] as [(typeof CATEGORIES)[number], number]);
  const plans: DemoCasePlan[] = [];
  received.forEach((raw, index) => {
    // Most calls come in office hours; the hotline also takes evening calls.
    const t0 = rng() < 0.8 ? officeHours(raw) : raw;
    const category = weighted(rng, categoryWeights);
    const channel = weighted(rng, CHANNELS);
    const street = pick(rng, STREETS);
    const community = pick(rng, street.communities);
    const fill: Record<string, string> = {
      road: pick(rng, ROADS),
      estate: pick(rng, ESTATES),
      community,
      merchant: pick(rng, MERCHANTS),
      employer: pick(rng, EMPLOYERS),
    };
    const text = pick(rng, category.texts).replace(/\{(\w+)\}/g, (_, k: string) => fill[k] ?? '');
    const isEnterprise = category.code === 'market.consumer-complaint' ? false : rng() < 0.06;
    const plan: DemoCasePlan = {
      channel,
      category: category.code,
      text: `${street.name}${text}`,
      data: category.data ? category.data(rng, fill) : {},
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
      ...(channel === 'cityTransfer' ? { externalId: `CT-2026-${String(index + 1).padStart(5, '0')}` } : {}),
      receivedAt: iso(t0),
      steps: [],
    };
    let at = t0;
    const step = (action: string, by: DemoStepActor, input: Record<string, unknown>, hours: number) => {
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
    const budget = category.code.startsWith('consult.')
      ? 7
      : category.code.startsWith('utilities.')
        ? 12
        : 36;
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
    const r = rng();
    if (r < 0.04) {
      step('closeWithoutRating', 'dispatcher', { reason: '回访电话三次未接通' }, 8 + rng() * 8);
      plans.push(plan);
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
      } else
        step('confirmHandling', 'reviewer', { opinion: '经评议，承办单位已依法依规办理' }, 4 + rng() * 12);
    }
    step('close', 'dispatcher', {}, 0.5 + rng() * 4);
    plans.push(plan);
  });
  // Steps after the clock's now have not happened yet.
  for (const plan of plans) plan.steps = plan.steps.filter((s) => Date.parse(s.at) <= now);
  return plans;
}
