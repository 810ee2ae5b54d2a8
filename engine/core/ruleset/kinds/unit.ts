/** @module The unit kind: the parent chain resolves and has no cycle. */
import type { Unit } from '../../../../schemas/types.gen.ts';
import { type ByKind, type Collector, defineKind, DOC, type DocumentKind, unresolved } from './kind.ts';

function checkUnits(by: ByKind, out: Collector): void {
  for (const { doc, index } of by.unit.values()) {
    if (doc.parentId === undefined) continue;
    if (!by.unit.has(doc.parentId)) {
      unresolved(out, `${DOC(index)}/parentId`, 'unit', doc.parentId);
      continue;
    }
    // Walk up at most as many steps as there are units: more means a cycle.
    let current: Unit | undefined = doc;
    for (let steps = 0; current?.parentId !== undefined && steps <= by.unit.size; steps++) {
      current = by.unit.get(current.parentId)?.doc;
      if (current?.id === doc.id) {
        out.error(
          `${DOC(index)}/parentId`,
          'unit.cycle',
          `Unit "${doc.id}" is its own ancestor`,
          `单位“${doc.id}”的上级链形成循环`,
        );
        break;
      }
    }
  }
}

/** Units (责任单位). */
export const unitKind: DocumentKind = defineKind(
  'unit',
  1,
  { zh: '责任单位', en: 'Units' },
  {
    check: ({ by, out }) => checkUnits(by, out),
  },
);
