/**
 * @module How big the product's source is, read as text: the lines of each file and the functions
 * longer than a limit, each with the reason its opening comment gives (a line starting `Long:`).
 * A scanner of braces, not a parser: comments, strings and regular-expression literals are blanked
 * first, so braces inside them do not count.
 */

/** A function (declaration, arrow or method) and how many lines it spans, from its head to its closing brace. */
export interface FunctionSpan {
  name: string;
  line: number;
  lines: number;
  /** The text after `Long:` in the comment right above the function, when it gives one. */
  reason: string | null;
}

/** The source with comments and the contents of strings blanked, line breaks kept. */
export function blankNonCode(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    let end = -1;
    if (c === '/' && next === '/')
      end = source.indexOf('\n', i) < 0 ? source.length : source.indexOf('\n', i);
    else if (c === '/' && next === '*')
      end = source.indexOf('*/', i + 2) < 0 ? source.length : source.indexOf('*/', i + 2) + 2;
    else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      end = j + 1;
    } else if (c === '/' && /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\breturn)\s*$/.test(out.slice(-40)))
      end = regexEnd(source, i);
    if (end < 0) {
      out += c;
      i++;
      continue;
    }
    out += source.slice(i, end).replace(/[^\n]/g, ' ');
    i = end;
  }
  return out;
}

/** Where a regular-expression literal starting at `start` ends (after its flags). */
function regexEnd(source: string, start: number): number {
  let j = start + 1;
  let inClass = false;
  while (j < source.length && source[j] !== '\n') {
    const ch = source[j]!;
    if (ch === '\\') j++;
    else if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) break;
    j++;
  }
  j++;
  while (j < source.length && /[a-z]/.test(source[j]!)) j++;
  return j;
}

const HEADS = [
  /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\*?\s+([\w$]+)/,
  /^\s*(?:export\s+)?(?:const|let)\s+([\w$]+)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b|(?:<[^>]*>)?\([^)]*\)?)/,
  /^\s*(?:(?:public|private|protected|static|async|get|set)\s+)*([\w$]+)\s*\([^)]*\)\s*(?::\s*[^={;]+)?\{\s*$/,
];
const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function']);

/** The comment block right above line `index` (0-based), joined. */
function commentAbove(lines: string[], index: number): string {
  const out: string[] = [];
  for (let k = index - 1; k >= 0; k--) {
    const text = lines[k]!.trim();
    if (!/^(\/\*\*?|\*|\/\/)/.test(text)) break;
    out.unshift(text);
    if (text.startsWith('/*')) break;
  }
  return out.join(' ');
}

/** The functions of `source` spanning more than `max` lines. */
export function longFunctions(source: string, max: number): FunctionSpan[] {
  const lines = source.split('\n');
  const code = blankNonCode(source).split('\n');
  const depthAfter: number[] = [];
  let depth = 0;
  for (const line of code) {
    for (const ch of line) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
    depthAfter.push(depth);
  }
  const found: FunctionSpan[] = [];
  for (let i = 0; i < code.length; i++) {
    const name = HEADS.map((head) => head.exec(code[i]!)?.[1]).find((n) => n !== undefined);
    if (!name || KEYWORDS.has(name)) continue;
    const base = i === 0 ? 0 : depthAfter[i - 1]!;
    let end = i;
    for (let j = i; j < code.length && j < i + 12; j++) {
      if (depthAfter[j]! > base) {
        end = depthAfter.findIndex((d, k) => k > j && d <= base);
        break;
      }
      if (code[j]!.trimEnd().endsWith(';')) break; // an expression body: it ended before any brace opened
    }
    if (end < 0) end = code.length - 1;
    const span = end - i + 1;
    if (span <= max) continue;
    const reason =
      /\bLong(?: on purpose)?:\s*(.+?)(?:\*\/|$)/.exec(commentAbove(lines, i))?.[1]?.trim() ?? null;
    found.push({ name, line: i + 1, lines: span, reason });
  }
  return found;
}
