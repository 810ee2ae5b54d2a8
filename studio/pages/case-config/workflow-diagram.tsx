/** @module Workflow diagram: an inline SVG of the states (boxes by BFS depth) and transitions (labelled arrows). */
import type { Component } from 'solid-js';
import { createMemo, For, Show } from 'solid-js';
import { ct, localText } from '../cases/messages.ts';
import type { DiagramEdge, DiagramNode } from './workflow-layout.ts';
import { diagramSize, layoutWorkflow } from './workflow-layout.ts';

/** What the diagram needs of a workflow document. */
export interface DiagramWorkflow {
  states: readonly { name: string; label?: { en: string; zh: string } }[];
  initial: string;
  final: readonly string[];
  transitions: readonly { from: string; to: string; action: string }[];
  /** Declared actions; an arrow is labelled with its actions' labels (else their names). */
  actions?: readonly { name: string; label: { en: string; zh: string } }[];
}

const { boxWidth: W, boxHeight: H } = diagramSize;

/** The SVG path and label position of one arrow between two boxes. */
const edgeGeometry = (
  from: DiagramNode,
  to: DiagramNode,
  lane: number,
): { d: string; labelX: number; labelY: number } => {
  if (from.name === to.name) {
    // A self-loop above the box (e.g. a supervision request that keeps the case in handling).
    const x = from.x + W / 2;
    const y = from.y;
    return {
      d: `M ${x - 18} ${y} C ${x - 30} ${y - 34}, ${x + 30} ${y - 34}, ${x + 18} ${y}`,
      labelX: x,
      labelY: y - 30,
    };
  }
  if (to.depth > from.depth) {
    const x1 = from.x + W;
    const y1 = from.y + H / 2;
    const x2 = to.x;
    const y2 = to.y + H / 2;
    const mx = (x1 + x2) / 2;
    return {
      d: `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`,
      labelX: mx,
      labelY: (y1 + y2) / 2 - 4,
    };
  }
  // Backward or same-column arrows bend below the boxes so they do not cross them.
  const x1 = from.x + W / 2;
  const y1 = from.y + H;
  const x2 = to.x + W / 2;
  const y2 = to.y + H;
  const dip = Math.max(y1, y2) + 26 + lane * 10;
  return {
    d: `M ${x1} ${y1} C ${x1} ${dip}, ${x2} ${dip}, ${x2} ${y2}`,
    labelX: (x1 + x2) / 2,
    labelY: dip - 4,
  };
};

/** States as boxes in columns by depth from the initial state; transitions as labelled arrows. */
export const WorkflowDiagram: Component<{ workflow: DiagramWorkflow }> = (props) => {
  const layout = createMemo(() => layoutWorkflow(props.workflow));
  const nodeOf = (name: string) => layout().nodes.find((n) => n.name === name)!;
  const labelOf = (name: string): string => {
    const state = props.workflow.states.find((s) => s.name === name);
    return state?.label ? localText(state.label) : name;
  };
  const edgeLabel = (edge: DiagramEdge): string =>
    edge.actions
      .map((a) => localText(props.workflow.actions?.find((x) => x.name === a)?.label) || a)
      .join(' / ');
  const backLane = (edge: DiagramEdge): number =>
    layout()
      .edges.filter((e) => nodeOf(e.to).depth <= nodeOf(e.from).depth && e.from !== e.to)
      .indexOf(edge);

  return (
    <div class="wf-diagram" data-testid="workflow-diagram-wrap">
      <svg
        role="img"
        aria-label={ct('config.diagram')}
        data-testid="workflow-diagram"
        width={layout().width}
        height={layout().height}
        viewBox={`0 0 ${layout().width} ${layout().height}`}
      >
        <defs>
          <marker
            id="wf-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" class="wf-diagram__head" />
          </marker>
        </defs>
        <For each={layout().edges}>
          {(edge) => {
            const geometry = () =>
              edgeGeometry(nodeOf(edge.from), nodeOf(edge.to), Math.max(0, backLane(edge)));
            return (
              <g class="wf-diagram__edge" data-edge={`${edge.from}->${edge.to}`}>
                <path d={geometry().d} marker-end="url(#wf-arrow)" />
                <text x={geometry().labelX} y={geometry().labelY} text-anchor="middle">
                  {edgeLabel(edge)}
                </text>
              </g>
            );
          }}
        </For>
        <For each={layout().nodes}>
          {(node) => (
            <g
              class="wf-diagram__node"
              classList={{
                'wf-diagram__node--initial': node.isInitial,
                'wf-diagram__node--final': node.isFinal,
                'wf-diagram__node--unreachable': node.isUnreachable,
              }}
              data-state={node.name}
            >
              <title>{node.name}</title>
              <rect x={node.x} y={node.y} width={W} height={H} rx={node.isFinal ? 18 : 6} />
              <text x={node.x + W / 2} y={node.y + H / 2 + 5} text-anchor="middle">
                {labelOf(node.name)}
              </text>
            </g>
          )}
        </For>
      </svg>
      <Show when={layout().nodes.some((n) => n.isUnreachable)}>
        <p class="small muted">{ct('config.diagramUnreachable')}</p>
      </Show>
    </div>
  );
};
