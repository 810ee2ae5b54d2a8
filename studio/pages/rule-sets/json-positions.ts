/** @module Where each JSON pointer of a JSON text starts, so issues can be marked on editor lines. */

/** Offsets of every value in `text` by JSON pointer (`''` is the root); empty when the text is not JSON. */
export const jsonPointerOffsets = (text: string): Map<string, number> => {
  const offsets = new Map<string, number>();
  let i = 0;
  const skip = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const seg = (s: string): string => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  const value = (pointer: string, depth: number): void => {
    if (depth > 256) throw new Error('too deep');
    skip();
    offsets.set(pointer, i);
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skip();
        const key = readString();
        skip();
        i++; // ':'
        value(`${pointer}${seg(key)}`, depth + 1);
        skip();
        if (text[i++] === '}') return;
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        value(`${pointer}/${index}`, depth + 1);
        skip();
        if (text[i++] === ']') return;
      }
    }
    if (c === '"') {
      readString();
      return;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  };
  try {
    JSON.parse(text);
    value('', 0);
  } catch {
    return new Map();
  }
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

/** Line and column of a JSON syntax error, from the engine's message (`position N`) when it has one. */
export const syntaxErrorLine = (text: string, message: string): number | undefined => {
  const position = message.match(/position (\d+)/);
  if (position) return lineOf(text, Number(position[1]));
  const line = message.match(/line (\d+)/);
  return line ? Number(line[1]) : undefined;
};
