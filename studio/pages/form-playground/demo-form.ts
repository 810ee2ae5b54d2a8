/** @module Bundled demo form: a department's monthly work ledger (月度工作台账) exercising every renderer. */
import type { JsonSchema, UISchemaElement } from '@jsonforms/core';

/** JSON Schema of the monthly ledger. Titles are the Chinese labels; English comes from `demoFormMessages`. */
export const demoSchema: JsonSchema = {
  type: 'object',
  required: [
    'unitName',
    'periodEnd',
    'reporter',
    'reporterPhone',
    'workCategory',
    'progress',
    'casesReceived',
    'casesClosed',
    'satisfactionRate',
    'leader',
    'inspections',
  ],
  properties: {
    unitName: { type: 'string', title: '填报单位', minLength: 2, maxLength: 40 },
    periodEnd: { type: 'string', format: 'date', title: '统计截止日期' },
    reporter: { type: 'string', title: '填报人', maxLength: 20 },
    reporterPhone: { type: 'string', title: '联系电话', pattern: '^1\\d{10}$', description: '11 位手机号码' },
    reportedAt: { type: 'string', format: 'date-time', title: '填报时间' },
    workCategory: {
      type: 'string',
      title: '重点工作类别',
      enum: ['政务服务', '城市管理', '社会治理', '民生保障'],
    },
    progress: {
      type: 'string',
      title: '工作进度',
      oneOf: [
        { const: 'green', title: '正常推进（绿灯）' },
        { const: 'yellow', title: '进度滞后（黄灯）' },
        { const: 'red', title: '严重滞后（红灯）' },
      ],
    },
    casesReceived: { type: 'integer', title: '本月受理办件数', minimum: 0, maximum: 10000 },
    casesClosed: { type: 'integer', title: '本月办结数', minimum: 0, maximum: 10000 },
    satisfactionRate: {
      type: 'number',
      title: '群众满意率（%）',
      minimum: 0,
      maximum: 100,
      description: '回访满意数 ÷ 回访总数 × 100',
    },
    hasMajorEvent: { type: 'boolean', title: '本月发生重大事项' },
    majorEventNote: { type: 'string', title: '重大事项说明', minLength: 5, maxLength: 500 },
    claimsBonus: { type: 'boolean', title: '申报加分事项' },
    bonusPoints: { type: 'number', title: '申报加分（分）', minimum: 0, maximum: 5 },
    bonusBasis: { type: 'string', title: '加分依据', maxLength: 100 },
    leader: {
      type: 'object',
      title: '分管领导',
      required: ['name', 'position'],
      properties: {
        name: { type: 'string', title: '姓名', maxLength: 20 },
        position: { type: 'string', title: '职务', enum: ['主任', '副主任', '局长', '副局长'] },
        phone: { type: 'string', title: '办公电话', pattern: '^[0-9-]{7,15}$' },
      },
    },
    inspections: {
      type: 'array',
      title: '督查检查记录',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        required: ['date', 'place'],
        properties: {
          date: { type: 'string', format: 'date', title: '检查日期' },
          place: { type: 'string', title: '检查地点', maxLength: 50 },
          issuesFound: { type: 'integer', title: '发现问题数', minimum: 0 },
          rectified: { type: 'boolean', title: '已整改' },
        },
      },
    },
    summary: { type: 'string', title: '本月工作小结', maxLength: 1000 },
  },
  // A major event must be explained: required only when the checkbox is ticked (the field is shown then).
  if: { properties: { hasMajorEvent: { const: true } }, required: ['hasMajorEvent'] },
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword here, not a promise.
  then: { required: ['majorEventNote'] },
};

const control = (name: string, extra: Record<string, unknown> = {}): UISchemaElement =>
  ({ type: 'Control', scope: `#/properties/${name}`, ...extra }) as UISchemaElement;

/** The controls of `names` side by side. */
const row = (...names: string[]): UISchemaElement =>
  ({ type: 'HorizontalLayout', elements: names.map((name) => control(name)) }) as UISchemaElement;

/** A titled group of elements. */
const group = (label: string, elements: UISchemaElement[]): UISchemaElement =>
  ({ type: 'Group', label, elements }) as UISchemaElement;

/** A rule that shows or enables an element while the checkbox `name` is ticked. */
const whenTicked = (effect: 'SHOW' | 'ENABLE', name: string) => ({
  effect,
  condition: { scope: `#/properties/${name}`, schema: { const: true } },
});

/** UI schema: tabs, groups, rows, a SHOW rule, an ENABLE rule, a nested object and a table. */
export const demoUiSchema: UISchemaElement = {
  type: 'Categorization',
  elements: [
    {
      type: 'Category',
      label: '基本信息',
      elements: [
        row('unitName', 'periodEnd'),
        row('reporter', 'reporterPhone', 'reportedAt'),
        group('办件情况', [
          row('workCategory', 'progress'),
          row('casesReceived', 'casesClosed', 'satisfactionRate'),
        ]),
      ],
    },
    {
      type: 'Category',
      label: '重点事项',
      elements: [
        group('重大事项', [
          control('hasMajorEvent'),
          control('majorEventNote', {
            options: { multi: true, rows: 3 },
            rule: whenTicked('SHOW', 'hasMajorEvent'),
          }),
        ]),
        group('加分申报', [
          control('claimsBonus'),
          {
            ...row('bonusPoints', 'bonusBasis'),
            rule: whenTicked('ENABLE', 'claimsBonus'),
          } as UISchemaElement,
        ]),
        control('leader'),
      ],
    },
    {
      type: 'Category',
      label: '督查与小结',
      elements: [
        control('inspections'),
        control('summary', { options: { multi: true, rows: 5 } }),
        { type: 'Label', text: '提交后数据将进入电子台帐，截止日后如需修改请提交更正申请。' },
      ],
    },
  ],
} as UISchemaElement;

/** Initial data: checkboxes unticked so the rules have a definite state; an empty leader so its fields validate. */
export const demoInitialData = { hasMajorEvent: false, claimsBonus: false, leader: {}, inspections: [] };

/**
 * The form's own messages (JSON Forms i18n keys): English labels and options, plus
 * field-specific error messages in both languages.
 */
export const demoFormMessages: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    'reporterPhone.error.pattern': '请输入以 1 开头的 11 位手机号码',
    'leader.phone.error.pattern': '请输入 7–15 位数字（可含“-”）',
  },
  en: {
    'unitName.label': 'Reporting unit',
    'periodEnd.label': 'Period end date',
    'reporter.label': 'Reported by',
    'reporterPhone.label': 'Contact phone',
    'reporterPhone.description': '11-digit mobile number',
    'reporterPhone.error.pattern': 'Enter an 11-digit mobile number starting with 1',
    'reportedAt.label': 'Reported at',
    'workCategory.label': 'Key work category',
    'workCategory.政务服务': 'Government services',
    'workCategory.城市管理': 'City management',
    'workCategory.社会治理': 'Social governance',
    'workCategory.民生保障': 'Livelihood security',
    'progress.label': 'Progress',
    'progress.正常推进（绿灯）': 'On track (green)',
    'progress.进度滞后（黄灯）': 'Behind (yellow)',
    'progress.严重滞后（红灯）': 'Seriously behind (red)',
    'casesReceived.label': 'Cases received this month',
    'casesClosed.label': 'Cases closed this month',
    'satisfactionRate.label': 'Citizen satisfaction (%)',
    'satisfactionRate.description': 'Satisfied callbacks ÷ all callbacks × 100',
    'hasMajorEvent.label': 'A major event happened this month',
    'majorEventNote.label': 'Major event details',
    'claimsBonus.label': 'Claim bonus points',
    'bonusPoints.label': 'Bonus points claimed',
    'bonusBasis.label': 'Basis for the bonus',
    'leader.label': 'Leader in charge',
    'leader.name.label': 'Name',
    'leader.position.label': 'Position',
    'leader.position.主任': 'Director',
    'leader.position.副主任': 'Deputy director',
    'leader.position.局长': 'Bureau chief',
    'leader.position.副局长': 'Deputy bureau chief',
    'leader.phone.label': 'Office phone',
    'leader.phone.error.pattern': 'Enter 7–15 digits (dashes allowed)',
    'inspections.label': 'Inspection records',
    'inspections.date.label': 'Date',
    'inspections.place.label': 'Place',
    'inspections.issuesFound.label': 'Issues found',
    'inspections.rectified.label': 'Rectified',
    'summary.label': 'Monthly summary',
    基本信息: 'Basic information',
    办件情况: 'Cases',
    重点事项: 'Key matters',
    重大事项: 'Major events',
    加分申报: 'Bonus claim',
    督查与小结: 'Inspections and summary',
    '提交后数据将进入电子台帐，截止日后如需修改请提交更正申请。':
      'Submitted data goes into the ledger; after the deadline, changes need an amendment request.',
  },
};
