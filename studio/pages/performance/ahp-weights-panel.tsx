/** @module The AHP weights panel of the indicator tree: for every node with a pairwise matrix, the children's derived weights, λmax, CI, RI, CR, method and a consistency badge, from the server's view of the loaded version. */
import type { Component } from 'solid-js';
import { DataTable } from '../../components/data-table.tsx';
import { createResource, For, Show } from 'solid-js';
import { request } from '../../api/http.ts';
import { errorText } from '../../lib/error-text.ts';
import {
  type AhpNodeView,
  consistencyBadge,
  methodText,
  percentText,
  type RuleSetWeightsView,
  statText,
  wt,
} from './ahp-weights-model.ts';
import { currentVersion } from './draft-store.tsx';
import { local } from './messages.ts';
import { Panel } from './page-parts.tsx';
import './ahp-weights.css';
import { ErrorAlert } from '../../components/error-alert.tsx';

/** Loads `GET /api/rule-sets/:id/versions/:n/weights`. */
export const fetchRuleSetWeights = (ruleSetId: string, n: number): Promise<RuleSetWeightsView> =>
  request('GET', `/api/rule-sets/${encodeURIComponent(ruleSetId)}/versions/${n}/weights`);

/** One node: its children's weights as a small table, then λmax, CI, RI, CR, method and the badge. */
export const AhpNodeWeights: Component<{ node: AhpNodeView }> = (props) => {
  const badge = () => consistencyBadge(props.node);
  return (
    <div class="ahp-weights__node" data-testid={`ahp-weights-${props.node.nodeId}`}>
      <h3>
        {local(props.node.name) || props.node.nodeId}
        <span
          class={`ahp-weights__badge ahp-weights__badge--${badge().tone}`}
          role="status"
          data-testid={`ahp-weights-badge-${props.node.nodeId}`}
        >
          {badge().text}
        </span>
      </h3>
      <DataTable
        wrap={false}
        class="table ahp-weights__table"
        rows={props.node.children}
        columns={[
          { key: 'child', label: wt('weights.child'), cell: (child) => local(child.name) || child.id },
          {
            key: 'weight',
            label: wt('weights.weight'),
            headerClass: 'num',
            class: 'num mono',
            cell: (child) => percentText(child.weight),
          },
        ]}
      />
      <dl class="facts">
        <dt>{wt('weights.method')}</dt>
        <dd>{methodText(props.node.method)}</dd>
        <dt>{wt('weights.lambdaMax')}</dt>
        <dd class="mono">{statText(props.node.lambdaMax)}</dd>
        <dt>{wt('weights.ci')}</dt>
        <dd class="mono">{statText(props.node.ci)}</dd>
        <dt>{wt('weights.ri')}</dt>
        <dd class="mono">{statText(props.node.ri)}</dd>
        <dt>{wt('weights.cr')}</dt>
        <dd class="mono">{statText(props.node.cr)}</dd>
      </dl>
      <For each={props.node.issues}>
        {(issue) => (
          <ErrorAlert message={local({ zh: issue.messageZh ?? issue.message, en: issue.message })} />
        )}
      </For>
    </div>
  );
};

/** Every AHP node of the loaded version; reloads when the version or its revision changes (after a save). */
export const AhpWeightsPanel: Component = () => {
  const [view] = createResource(
    () => {
      const v = currentVersion();
      return v ? { ruleSetId: v.ruleSetId, n: v.number, revision: v.revision } : false;
    },
    (key) => fetchRuleSetWeights(key.ruleSetId, key.n),
  );
  return (
    <Panel testId="ahp-weights-panel" title={wt('weights.title')}>
      <p class="muted small">{wt('weights.intro')}</p>
      <Show when={!view.error} fallback={<div class="alert alert--error">{errorText(view.error)}</div>}>
        <Show when={view()}>
          {(v) => (
            <Show when={v().nodes.length > 0} fallback={<p class="muted small">{wt('weights.none')}</p>}>
              <For each={v().nodes}>{(node) => <AhpNodeWeights node={node} />}</For>
            </Show>
          )}
        </Show>
      </Show>
    </Panel>
  );
};
