/** @module The document-kind registry: every kind a rule set holds, in list order, with lookup by kind. Server, CLI and studio read kinds here. */
import { assessmentPolicyKind } from './assessment-policy.ts';
import { calendarKind } from './calendar.ts';
import { formKind } from './form.ts';
import { indicatorKind } from './indicator.ts';
import type { DocumentKind } from './kind.ts';
import { lightRuleKind } from './light-rule.ts';
import { pluginBindingKind } from './plugin-binding.ts';
import { routingTableKind } from './routing-table.ts';
import { scoringRuleKind } from './scoring-rule.ts';
import { slaPolicyKind } from './sla-policy.ts';
import { unitKind } from './unit.ts';
import { workflowKind } from './workflow.ts';

/** Every document kind, ordered by `order`. A new kind is a module beside this one and a line here. */
export const DOCUMENT_KIND_REGISTRY: readonly DocumentKind[] = [
  unitKind,
  indicatorKind,
  formKind,
  scoringRuleKind,
  routingTableKind,
  workflowKind,
  slaPolicyKind,
  lightRuleKind,
  pluginBindingKind,
  assessmentPolicyKind,
  calendarKind,
].sort((a, b) => a.order - b.order);

const BY_KIND = new Map(DOCUMENT_KIND_REGISTRY.map((k) => [k.kind as string, k] as const));

/** The descriptor of a kind; undefined for a kind the registry does not know. */
export function documentKind(kind: unknown): DocumentKind | undefined {
  return typeof kind === 'string' ? BY_KIND.get(kind) : undefined;
}

/** The kinds a rule set holds in `documents`, in list order. */
export const DOCUMENT_KINDS = DOCUMENT_KIND_REGISTRY.filter((k) => k.place === 'documents').map(
  (k) => k.kind,
);

/** A kind's name in one language; the kind itself when the registry does not know it. */
export function kindLabel(kind: string, lang: 'zh' | 'en'): string {
  return BY_KIND.get(kind)?.label[lang] ?? kind;
}
