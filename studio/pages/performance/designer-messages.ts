/** @module Messages of the performance designer pages (draft bar, indicator tree, form designer, rule builder) in zh-CN and English. */
import { pageMessages } from '../../i18n/index.ts';

const zh = {
  'designer.loadingSets': '正在加载规则集…',
  'designer.loadingVersion': '正在加载版本内容…',
  'designer.versionLabel': 'v{n} · {status}',
  'designer.status.draft': '草稿',
  'designer.status.inReview': '审核中',
  'designer.status.approved': '已批准',
  'designer.status.published': '已发布',
  'designer.status.archived': '已归档',
  'designer.readOnly': '正在查看 v{n}（{status}），只能查看。要修改，请先新建草稿。',
  'designer.createToEdit': '新建草稿以编辑',
  'designer.noVersion': '这个规则集还没有可查看的版本。',
  'tree.form': '填报表单',
  'tree.formNone': '（未选择表单）',
  'tree.target': '目标值（所有责任单位）',
  'tree.targetMixed': '各单位目标值不同，修改后统一为此值。',
  'forms.selectField': '从左侧字段列表选择一个字段，在这里编辑它的属性。',
  'rules.operatorHelp': '运算符说明',
  'rules.field': '表单字段',
  'rules.fieldPick': '选择字段',
  'rules.context': '考核参数',
  'rules.var.target': '目标值（target）',
  'rules.var.month': '月份（month）',
  'rules.var.params': '参数（params）',
  'rules.otherPath': '其他路径…',
  'rules.path': '变量路径',
  'rules.choiceDefault': '（默认）',
  'rules.yes': '是',
  'rules.no': '否',
  'rules.text': '文本',
  'rules.number': '数值',
  'rules.constJson': '常量（JSON）',
  'rules.advanced': '高级：原始 JSON',
  'rules.testInput': '试运行数据',
  'rules.testInputIntro': '按指标的填报表单生成，已填入示例值，可直接修改。',
  'rules.testTarget': '目标值',
  'rules.testMonth': '月份',
  'rules.sampleAdvanced': '高级：以 JSON 编辑试运行数据',
  'rules.noForm': '该指标没有填报表单，试运行数据只能以 JSON 编辑。',
  'rules.score': '得分',
  'rules.saved': '计分规则已保存（修订 {revision}）',
  'rules.unnamedOperator': '运算符 {op}',
  'rules.shared': '可复用计分规则',
} as const;

/** Keys of the designer messages. */
export type DesignerKey = keyof typeof zh;

const en: Record<DesignerKey, string> = {
  'designer.loadingSets': 'Loading rule sets…',
  'designer.loadingVersion': 'Loading the version…',
  'designer.versionLabel': 'v{n} · {status}',
  'designer.status.draft': 'draft',
  'designer.status.inReview': 'in review',
  'designer.status.approved': 'approved',
  'designer.status.published': 'published',
  'designer.status.archived': 'archived',
  'designer.readOnly': 'You are viewing v{n} ({status}), read-only. Create a draft to change it.',
  'designer.createToEdit': 'Create a draft to edit',
  'designer.noVersion': 'This rule set has no version to show yet.',
  'tree.form': 'Form',
  'tree.formNone': '(no form chosen)',
  'tree.target': 'Target (every owning unit)',
  'tree.targetMixed': 'Units have different targets; a change sets this one for all.',
  'forms.selectField': 'Pick a field in the list on the left to edit its properties here.',
  'rules.operatorHelp': 'About this operator',
  'rules.field': 'Form field',
  'rules.fieldPick': 'Pick a field',
  'rules.context': 'Assessment values',
  'rules.var.target': 'Target (target)',
  'rules.var.month': 'Month (month)',
  'rules.var.params': 'Parameters (params)',
  'rules.otherPath': 'Other path…',
  'rules.path': 'Variable path',
  'rules.choiceDefault': '(default)',
  'rules.yes': 'Yes',
  'rules.no': 'No',
  'rules.text': 'Text',
  'rules.number': 'Number',
  'rules.constJson': 'Constant (JSON)',
  'rules.advanced': 'Advanced: raw JSON',
  'rules.testInput': 'Test data',
  'rules.testInputIntro': 'Generated from the indicator’s form with sample values; change them as you like.',
  'rules.testTarget': 'Target',
  'rules.testMonth': 'Month',
  'rules.sampleAdvanced': 'Advanced: edit the test data as JSON',
  'rules.noForm': 'This indicator has no form; edit the test data as JSON.',
  'rules.score': 'Score',
  'rules.saved': 'Scoring rule saved (revision {revision})',
  'rules.unnamedOperator': 'Operator {op}',
  'rules.shared': 'Shared scoring rule',
};

/** A designer message in the current language. */
export const { text: dt } = pageMessages(zh, en);

/** The name of a version status (草稿, 已发布 …); unknown statuses as they are. */
export const statusText = (status: string): string => {
  const key = `designer.status.${status}` as DesignerKey;
  return key in zh ? dt(key) : status;
};
