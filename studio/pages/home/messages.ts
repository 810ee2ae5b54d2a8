/** @module Messages of the home page (work queues and grouped navigation) in zh-CN and English. */
import { countdownText as countdown, pageMessages, singularDay } from '../../i18n/index.ts';

const zh = {
  'home.greeting': '{name}，您好',
  'home.today': '今天是 {today}',
  'home.unit': '所属单位',
  'home.roles': '角色',
  'home.todo': '今日待办',
  'home.todoCount': '共 {count} 项',
  'home.loading': '正在加载今日待办…',
  'home.empty': '今天没有待办',
  'home.emptyHint': '所有表单、办件和审批都已处理完毕。',
  'home.more': '查看全部 {count} 项',
  'home.open': '去处理',
  'home.daysLeft': '还剩 {days} 天',
  'home.dueToday': '今天截止',
  'home.overdue': '已逾期 {days} 天',
  'home.waiting': '已等待 {days} 天',
  'home.waitingToday': '今天提交',
  'home.deadline': '截止 {date}',
  'home.emptyForms': '{empty} 项未填（共 {total} 项）',
  'home.nav': '全部功能',
  'home.group.performance': '绩效考核',
  'home.group.cases': '12345 办件',
  'home.group.rules': '规则与配置',
  'home.group.admin': '系统管理',
  'home.loadError': '待办加载失败：{message}',
} as const;

/** A key of the home page's messages. */
export type HomeKey = keyof typeof zh;

const en: Record<HomeKey, string> = {
  'home.greeting': 'Hello, {name}',
  'home.today': 'Today is {today}',
  'home.unit': 'Unit',
  'home.roles': 'Roles',
  'home.todo': 'To do today',
  'home.todoCount': '{count} items',
  'home.loading': 'Loading today’s work…',
  'home.empty': 'Nothing to do today',
  'home.emptyHint': 'Every form, case and approval is taken care of.',
  'home.more': 'See all {count}',
  'home.open': 'Open',
  'home.daysLeft': '{days} days left',
  'home.dueToday': 'Due today',
  'home.overdue': '{days} days overdue',
  'home.waiting': 'Waiting {days} days',
  'home.waitingToday': 'Submitted today',
  'home.deadline': 'Due {date}',
  'home.emptyForms': '{empty} of {total} still empty',
  'home.nav': 'Everything else',
  'home.group.performance': 'Performance assessment',
  'home.group.cases': '12345 cases',
  'home.group.rules': 'Rules and configuration',
  'home.group.admin': 'Administration',
  'home.loadError': 'Could not load today’s work: {message}',
};

/** A home-page message in the current language. */
export const { text: ht } = pageMessages(zh, en);

export { localText } from '../../i18n/index.ts';

/** "还剩 3 天" / "今天截止" / "已逾期 2 天" (English singular for one day). */
export const countdownText = (daysLeft: number): string =>
  countdown(daysLeft, {
    dueToday: () => ht('home.dueToday'),
    left: (days) => ht('home.daysLeft', { days }),
    overdue: (days) => ht('home.overdue', { days }),
  });

/** "已等待 2 天" / "今天提交". */
export const waitingText = (days: number): string =>
  days <= 0 ? ht('home.waitingToday') : singularDay(ht('home.waiting', { days }), days);
