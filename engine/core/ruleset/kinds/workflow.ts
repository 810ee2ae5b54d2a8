/** @module The workflow kind: checked by the one workflow checker (core/workflow), guards type-checked by the rule tools; its diff reports states and transitions. */
import { checkWorkflowDocument } from '../../workflow/workflow-check.ts';
import { jsonEquals } from '../canonical.ts';
import { changedKeys, type DocDiff, eachKeyed, type Json, renameText, seg, show } from './doc-diff.ts';
import { type CheckContext, defineKind, DOC, type DocumentKind, nameWithCount } from './kind.ts';

/** The workflow's own checks, with guards type-checked by the rule tools. */
function checkWorkflows({ by, tools, out }: CheckContext): void {
  for (const { doc, index } of by.workflow.values())
    out.nested(DOC(index), checkWorkflowDocument(doc, { checkRule: tools.checkRule }));
}

function diffWorkflow(d: DocDiff, a: Json, b: Json): void {
  eachKeyed(
    a,
    b,
    'states',
    (s) => String(s.name),
    (name, x, y) => {
      const path = `/states${seg(name)}`;
      if (!x) d.add('stateAdded', { en: `state ${name} added`, zh: `新增状态 ${name}` }, { path, after: y });
      else if (!y)
        d.add('stateRemoved', { en: `state ${name} removed`, zh: `删除状态 ${name}` }, { path, before: x });
      else if (!jsonEquals(x, y)) {
        const label = jsonEquals(x.label, y.label)
          ? null
          : renameText({ en: 'label', zh: '名称' }, x.label, y.label);
        const others = changedKeys(x, y).filter((k) => k !== 'label');
        const more = others.length > 0 ? others.join(', ') : '';
        d.add(
          'stateChanged',
          {
            en: `state ${name}: ${[label?.en, more && `${more} changed`].filter(Boolean).join('; ')}`,
            zh: `状态 ${name}：${[label?.zh, more && `${more} 变更`].filter(Boolean).join('；')}`,
          },
          { path, before: x, after: y },
        );
      }
    },
  );
  const key = (t: Json) => (typeof t.id === 'string' ? t.id : `${t.from}-${t.action}->${t.to}`);
  eachKeyed(a, b, 'transitions', key, (k, x, y) => {
    const path = `/transitions${seg(k)}`;
    const text = (t: Json) => `${t.from} --${t.action}--> ${t.to}`;
    if (!x)
      d.add(
        'transitionAdded',
        { en: `transition ${text(y!)} added`, zh: `新增流转 ${text(y!)}` },
        { path, after: y },
      );
    else if (!y)
      d.add(
        'transitionRemoved',
        { en: `transition ${text(x)} removed`, zh: `删除流转 ${text(x)}` },
        { path, before: x },
      );
    else if (!jsonEquals(x, y)) {
      const keys = changedKeys(x, y);
      const roles = keys.includes('roles') ? ` roles ${show(x.roles)} → ${show(y.roles)}` : '';
      const rest = keys.filter((k) => k !== 'roles');
      const tail = rest.length > 0 ? `${roles ? ';' : ''} ${rest.join(', ')} changed` : '';
      const tailZh = rest.length > 0 ? `${roles ? '；' : ''} ${rest.join(', ')} 变更` : '';
      d.add(
        'transitionChanged',
        {
          en: `transition ${text(y)}:${roles}${tail}`,
          zh: `流转 ${text(y)}：${roles.replace(' roles', ' 角色')}${tailZh}`,
        },
        { path, before: x, after: y },
      );
    }
  });
  d.renamed(a, b);
  d.rest(a, b, ['states', 'transitions', 'name']);
}

/** Case workflows (办件流程). */
export const workflowKind: DocumentKind = defineKind(
  'workflow',
  6,
  { zh: '办件流程', en: 'Workflows' },
  {
    check: checkWorkflows,
    diff: diffWorkflow,
    summary: (doc) => nameWithCount(doc, doc.states, 'states', '个状态'),
  },
);
