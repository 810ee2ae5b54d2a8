/** @module Pure helpers and zh/en texts of the AHP weights panel: the API reply's types, number formats and the consistency badge. */
import type { GetApiRuleSetsIdVersionsNWeightsResponse } from '../../api/types.gen.ts';
import { pageMessages } from '../../i18n/index.ts';

/** The reply of `GET /api/rule-sets/:id/versions/:n/weights`, as generated. */
type WeightsReply = GetApiRuleSetsIdVersionsNWeightsResponse;
/** The `{zh, en}` name the reply gives as `unknown`: null when no indicator has the id. */
type Named = { name: { zh?: string; en?: string } | null };

/** One child of a node: its derived local weight (null when the matrix is invalid) and name. */
export type AhpChildView = Omit<WeightsReply['nodes'][number]['children'][number], 'name'> & Named;

/** One indicator with a pairwise matrix, with the reasoning behind its children's weights. */
export type AhpNodeView = Omit<WeightsReply['nodes'][number], 'name' | 'children'> &
  Named & { children: AhpChildView[] };

/** The reply of the weights route. */
export type RuleSetWeightsView = Omit<WeightsReply, 'nodes'> & { nodes: AhpNodeView[] };

const zh = {
  'weights.title': 'AHP 权重推导',
  'weights.intro': '以下为本版本已保存的判断矩阵推导出的权重及一致性检验（未保存的修改保存后才会体现）。',
  'weights.none': '本版本没有使用 AHP 判断矩阵的指标。',
  'weights.child': '下级指标',
  'weights.weight': '权重（%）',
  'weights.method': '方法',
  'weights.lambdaMax': '最大特征根 λmax',
  'weights.ci': '一致性指标 CI',
  'weights.ri': '随机一致性指标 RI',
  'weights.cr': '一致性比率 CR',
  'weights.consistent': '一致（CR < {threshold}）',
  'weights.inconsistent': '不一致（CR ≥ {threshold}）',
  'weights.invalid': '判断矩阵无效',
  'weights.method.eigenvector': '特征向量法',
  'weights.method.geometricMean': '几何平均法',
} as const;

type WeightsKey = keyof typeof zh;

const en: Record<WeightsKey, string> = {
  'weights.title': 'How the AHP weights are derived',
  'weights.intro':
    'Weights derived from the saved pairwise matrices of this version, with the consistency check (unsaved edits show once saved).',
  'weights.none': 'No indicator of this version uses an AHP matrix.',
  'weights.child': 'Child indicator',
  'weights.weight': 'Weight (%)',
  'weights.method': 'Method',
  'weights.lambdaMax': 'λmax',
  'weights.ci': 'Consistency index CI',
  'weights.ri': 'Random index RI',
  'weights.cr': 'Consistency ratio CR',
  'weights.consistent': 'Consistent (CR < {threshold})',
  'weights.inconsistent': 'Inconsistent (CR ≥ {threshold})',
  'weights.invalid': 'Invalid matrix',
  'weights.method.eigenvector': 'Eigenvector',
  'weights.method.geometricMean': 'Geometric mean',
};

/** A weights-panel message in the current locale (Chinese first). */
export const wt: (key: WeightsKey, params?: Record<string, unknown>) => string = pageMessages(zh, en).text;

/** A share as a percentage with one decimal (`66.7`), or `—`. */
export const percentText = (weight: number | null): string =>
  weight === null || !Number.isFinite(weight) ? '—' : (weight * 100).toFixed(1);

/** λmax, CI, RI or CR with four decimals, or `—`. */
export const statText = (value: number | null): string =>
  value === null || !Number.isFinite(value) ? '—' : value.toFixed(4);

/** The badge of a node: green when consistent, red when not, red "invalid" when it cannot be weighted. */
export const consistencyBadge = (node: AhpNodeView): { tone: 'ok' | 'bad'; text: string } => {
  if (node.issues.length > 0 || node.cr === null) return { tone: 'bad', text: wt('weights.invalid') };
  const threshold = node.crThreshold;
  return node.isConsistent
    ? { tone: 'ok', text: wt('weights.consistent', { threshold }) }
    : { tone: 'bad', text: wt('weights.inconsistent', { threshold }) };
};

/** The label of an AHP method. */
export const methodText = (method: string): string =>
  method === 'geometricMean' ? wt('weights.method.geometricMean') : wt('weights.method.eigenvector');
