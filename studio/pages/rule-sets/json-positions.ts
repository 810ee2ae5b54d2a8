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

/**
 * Offset of the first JSON syntax error in `text`, or undefined when it is valid JSON. Engines word
 * (and sometimes omit) the position in `JSON.parse` errors, so the editor finds it itself.
 */
export const syntaxErrorOffset = (text: string): number | undefined => {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const skip = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t'))
      i++;
  };
  const expect = (c: string): void => {
    if (text[i] !== c) fail();
    i++;
  };
  const string = (): void => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      const code = text.charCodeAt(i);
      if (code < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    expect('"');
  };
  const number = (): void => {
    const match = text.slice(i).match(/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/);
    if (!match || match[0] === '' || match[0] === '-') fail();
    i += match![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail();
    skip();
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
        string();
        skip();
        expect(':');
        value(depth + 1);
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect('}');
        return;
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect(']');
        return;
      }
    }
    if (c === '"') {
      string();
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      number();
      return;
    }
    fail();
  };
  try {
    value(0);
    skip();
    if (i < text.length) fail();
    return undefined;
  } catch (offset) {
    if (typeof offset !== 'number') throw offset;
    return Math.min(offset, text.length);
  }
};

/** Line and column (1-based) of an offset. */
export const lineAndColumn = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
};
