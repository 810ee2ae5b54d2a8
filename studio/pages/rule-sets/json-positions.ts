/** @module Where each JSON pointer of a JSON text starts, so issues can be marked on editor lines (read with jsonc-parser, strict JSON). */
import { type Node, type ParseError, parseTree } from 'jsonc-parser';

/** Strict JSON: no comments, no trailing commas. */
const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** The syntax tree of `text` and its errors (jsonc-parser's scanner reports each error's offset). */
const treeOf = (text: string): { root: Node | undefined; errors: ParseError[] } => {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, STRICT);
  return { root, errors };
};

/** Offsets of every value in `text` by JSON pointer (`''` is the root); empty when the text is not JSON. */
export const jsonPointerOffsets = (text: string): Map<string, number> => {
  const offsets = new Map<string, number>();
  const { root, errors } = treeOf(text);
  if (!root || errors.length > 0) return offsets;
  const seg = (s: string): string => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  const visit = (node: Node, pointer: string): void => {
    offsets.set(pointer, node.offset);
    if (node.type === 'object')
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) visit(value, `${pointer}${seg(String(key.value))}`);
      }
    if (node.type === 'array')
      for (const [index, item] of (node.children ?? []).entries()) visit(item, `${pointer}/${index}`);
  };
  visit(root, '');
  return offsets;
};

/** 1-based line of an offset. */
export const lineOf = (text: string, offset: number): number => {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
};

/**
 * The line an issue path points at: the value itself, else its nearest existing parent (a missing
 * required property is reported at its parent object).
 */
export const lineOfPointer = (
  text: string,
  offsets: Map<string, number>,
  pointer: string,
): number | undefined => {
  let current = pointer === '/' ? '' : pointer;
  for (;;) {
    const offset = offsets.get(current);
    if (offset !== undefined) return lineOf(text, offset);
    if (current === '') return undefined;
    current = current.slice(0, current.lastIndexOf('/'));
  }
};

/** Offset of the first JSON syntax error in `text`, or undefined when it is valid JSON. */
export const syntaxErrorOffset = (text: string): number | undefined => {
  const first = treeOf(text).errors[0];
  return first === undefined ? undefined : Math.min(first.offset, text.length);
};

/** Line and column (1-based) of an offset. */
export const lineAndColumn = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
};
