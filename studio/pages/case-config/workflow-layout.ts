/** @module Layout of the workflow diagram: states in columns by BFS depth from the initial state, transitions grouped per (from, to) pair. Pure. */

/** Size and spacing of the diagram, in SVG units. */
export const diagramSize = { boxWidth: 136, boxHeight: 40, gapX: 96, gapY: 64, pad: 40 } as const;

/** A placed state box (x, y = top-left corner). */
export interface DiagramNode {
  name: string;
  depth: number;
  row: number;
  x: number;
  y: number;
  isInitial: boolean;
  isFinal: boolean;
  /** Not reachable from the initial state: drawn in a last column. */
  isUnreachable: boolean;
}

/** One arrow: every action that moves `from` to `to`. */
export interface DiagramEdge {
  from: string;
  to: string;
  actions: string[];
}

/** The whole diagram. */
export interface DiagramLayout {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  width: number;
  height: number;
}

/**
 * Lays the states out by breadth-first depth from `initial` (one column per depth, in document
 * order within a column); states no transition reaches go to one more column at the end.
 */
export function layoutWorkflow(workflow: {
  states: readonly { name: string }[];
  initial: string;
  final: readonly string[];
  transitions: readonly { from: string; to: string; action: string }[];
}): DiagramLayout {
  const names = workflow.states.map((s) => s.name);
  const known = new Set(names);
  const depth = new Map<string, number>();
  if (known.has(workflow.initial)) {
    depth.set(workflow.initial, 0);
    const queue = [workflow.initial];
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const t of workflow.transitions) {
        if (t.from !== current || !known.has(t.to) || depth.has(t.to)) continue;
        depth.set(t.to, depth.get(current)! + 1);
        queue.push(t.to);
      }
    }
  }
  const maxDepth = Math.max(-1, ...depth.values());
  const rows = new Map<number, number>();
  const { boxWidth, boxHeight, gapX, gapY, pad } = diagramSize;
  const nodes: DiagramNode[] = names.map((name) => {
    const isUnreachable = !depth.has(name);
    const d = depth.get(name) ?? maxDepth + 1;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    return {
      name,
      depth: d,
      row,
      x: pad + d * (boxWidth + gapX),
      y: pad + row * (boxHeight + gapY),
      isInitial: name === workflow.initial,
      isFinal: workflow.final.includes(name),
      isUnreachable,
    };
  });
  const edges: DiagramEdge[] = [];
  for (const t of workflow.transitions) {
    if (!known.has(t.from) || !known.has(t.to)) continue;
    const edge = edges.find((e) => e.from === t.from && e.to === t.to);
    if (edge) {
      if (!edge.actions.includes(t.action)) edge.actions.push(t.action);
    } else edges.push({ from: t.from, to: t.to, actions: [t.action] });
  }
  const columns = Math.max(0, ...nodes.map((n) => n.depth + 1));
  const tallest = Math.max(0, ...rows.values());
  return {
    nodes,
    edges,
    width: pad * 2 + columns * boxWidth + Math.max(0, columns - 1) * gapX,
    // Room above the first row for self-loops and below the last for back-edge curves.
    height: pad * 2 + tallest * boxHeight + Math.max(0, tallest - 1) * gapY + 40,
  };
}
