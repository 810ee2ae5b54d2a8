/** @module Text operators: contains, Chinese keyword matching via Intl.Segmenter, length in characters. */
import type { OperatorDefinition } from '../../logic/operator.ts';
import { arr, argsOf, badArg, catalogueOperator, choiceArg, optChoice } from './args.ts';

/** Reads a text argument; null/missing is the empty text, numbers are written out, anything else is an error. */
function text(op: string, args: readonly unknown[], index: number): string {
  const value = args[index];
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return badArg(op, index, { en: 'a text (string)', zh: '文本（字符串）' }, value);
}

/** `text_contains [text, needle, ignoreCase=false]`. */
export const textContains: OperatorDefinition = catalogueOperator('text', 'text_contains', {
  description: {
    en:
      'Whether a text contains a substring. Arguments: [text, needle, ignoreCase = false]. null text is empty ' +
      '(so false unless needle is empty). ignoreCase compares lower-cased text.',
    zh: '文本是否包含子串。参数：[文本, 子串, 忽略大小写 = false]。文本为 null 视为空串（除非子串为空，否则为 false）。忽略大小写时按小写比较。',
  },
  argsSchema: argsOf(
    [
      { title: 'text', description: 'Text to search.', type: ['string', 'null'] },
      { title: 'needle', description: 'Substring to find.', type: 'string' },
    ],
    [
      {
        title: 'ignoreCase',
        description: 'Compare case-insensitively. Default false.',
        type: ['boolean', 'null'],
      },
    ],
  ),
  resultSchema: { type: 'boolean' },
  examples: [
    {
      rule: { text_contains: [{ var: 'reply' }, '已办结'] },
      data: { reply: '该诉求已办结，已电话回访。' },
      expected: true,
    },
    {
      rule: { text_contains: ['Hotline 12345', 'hotline'] },
      expected: false,
      description: 'Case-sensitive.',
    },
    { rule: { text_contains: ['Hotline 12345', 'hotline', true] }, expected: true },
    { rule: { text_contains: [{ var: 'missing' }, '办结'] }, data: {}, expected: false },
  ],
  evaluate(args, op) {
    const haystack = text(op, args, 0);
    if (typeof args[1] !== 'string') return badArg(op, 1, { en: 'a string', zh: '字符串' }, args[1]);
    if (args[2] !== undefined && args[2] !== null && typeof args[2] !== 'boolean') {
      badArg(op, 2, { en: 'a boolean', zh: '布尔值' }, args[2]);
    }
    const ignoreCase = args[2] === true;
    return ignoreCase ? haystack.toLowerCase().includes(args[1].toLowerCase()) : haystack.includes(args[1]);
  },
});

/** Start and end offsets (UTF-16) of every word-like and punctuation segment. */
function segmentBounds(value: string): { starts: Set<number>; ends: Set<number> } {
  // Routing asks about the same text once per table row: remember the last one.
  if (lastBounds?.value === value) return lastBounds.bounds;
  const starts = new Set<number>();
  const ends = new Set<number>();
  wordSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const part of wordSegmenter.segment(value)) {
    starts.add(part.index);
    ends.add(part.index + part.segment.length);
  }
  const bounds = { starts, ends };
  lastBounds = { value, bounds };
  return bounds;
}

// Stateless and deterministic; building one costs far more than using it.
let wordSegmenter: Intl.Segmenter | undefined;
let lastBounds: { value: string; bounds: { starts: Set<number>; ends: Set<number> } } | undefined;

/** Whether `keyword` occurs in `value` starting on a segment start and ending on a segment end. */
function alignedMatch(
  value: string,
  keyword: string,
  bounds: { starts: Set<number>; ends: Set<number> },
): boolean {
  for (let at = value.indexOf(keyword); at !== -1; at = value.indexOf(keyword, at + 1)) {
    if (bounds.starts.has(at) && bounds.ends.has(at + keyword.length)) return true;
  }
  return false;
}

const MODES = ['list', 'any', 'all', 'count'] as const;

/**
 * Keywords found in `value`, in the order given, without duplicates. Whole-word matching uses the
 * segmenter; a keyword may span several segments (工单 = 工|单) as long as it starts and ends on a boundary.
 * Unless `strict`, a keyword not found on boundaries falls back to a plain substring match.
 */
export function matchKeywords(value: string, keywords: readonly string[], strict: boolean): string[] {
  const found: string[] = [];
  for (const keyword of keywords) {
    if (keyword === '' || found.includes(keyword)) continue;
    // A boundary match is also a substring match, so only strict matching needs the (costly) segmenter.
    if (!value.includes(keyword)) continue;
    if (!strict || alignedMatch(value, keyword, segmentBounds(value))) found.push(keyword);
  }
  return found;
}

/** `keyword_match [text, keywords, mode='list', strict=false]`. */
export const keywordMatch: OperatorDefinition = catalogueOperator('text', 'keyword_match', {
  description: {
    en:
      'Keyword matching for Chinese (and mixed) text. Arguments: [text, keywords, mode = "list", strict = false]. ' +
      'The text is split into words with Intl.Segmenter("zh", {granularity: "word"}); a keyword matches on word ' +
      'boundaries when it starts at a word start and ends at a word end, possibly spanning several words ' +
      '(工单 matches 工|单). When strict is false (default) a keyword with no boundary match still matches as a ' +
      'plain substring, which covers segmenter misses on domain terms; strict = true keeps only boundary ' +
      'matches (so 和平 does not match 垃圾分类和平安建设, segmented 和|平安). Modes: "list" returns the matched ' +
      'keywords in the order given, without duplicates; "any" / "all" return a boolean; "count" the number ' +
      'of distinct keywords matched. Empty keywords never match; null text is empty.',
    zh:
      '中文（及中英混排）关键词匹配。参数：[文本, 关键词列表, 模式 = "list", 严格 = false]。用 Intl.Segmenter("zh", {granularity: "word"}) 分词；' +
      '关键词起止都落在词边界上即为整词命中，可跨多个词（"工单" 可命中 工|单）。严格为 false（默认）时，没有整词命中的关键词再按普通子串匹配，' +
      '以弥补分词器对专业词的切分误差；严格为 true 时只认整词命中（如 "和平" 不命中被切为 和|平安 的 "垃圾分类和平安建设"）。模式："list" 返回命中的关键词' +
      '（按给定顺序、去重）；"any"/"all" 返回布尔值；"count" 返回命中的不同关键词个数。空关键词不命中；文本为 null 视为空串。',
  },
  argsSchema: argsOf(
    [
      { title: 'text', description: 'Text to search.', type: ['string', 'null'] },
      { title: 'keywords', description: 'Keywords.', type: 'array', items: { type: 'string' } },
    ],
    [
      choiceArg('mode', '"list" (default), "any", "all" or "count".', MODES),
      {
        title: 'strict',
        description: 'Word-boundary matches only. Default false.',
        type: ['boolean', 'null'],
      },
    ],
  ),
  resultSchema: {
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'boolean' },
      { type: 'integer', minimum: 0 },
    ],
  },
  examples: [
    {
      rule: { keyword_match: [{ var: 'content' }, ['噪音', '施工', '扰民']] },
      data: { content: '夜间施工噪音扰民，影响休息' },
      expected: ['噪音', '施工', '扰民'],
    },
    {
      rule: { keyword_match: ['市民反映路灯不亮', ['噪音', '路灯'], 'any'] },
      expected: true,
    },
    {
      rule: { keyword_match: ['市民反映路灯不亮', ['噪音', '路灯'], 'all'] },
      expected: false,
    },
    {
      rule: { keyword_match: ['Please start the repair', ['art', 'repair'], 'list', true] },
      expected: ['repair'],
      description: 'Strict: "art" inside "start" is not a word match.',
    },
  ],
  evaluate(args, op) {
    const value = text(op, args, 0);
    const keywords = arr(op, args, 1).map((k) => {
      if (typeof k !== 'string')
        return badArg(op, 1, { en: 'an array of strings', zh: '字符串数组' }, args[1]);
      return k;
    });
    const mode = optChoice(op, args, 2, MODES, 'list');
    if (args[3] !== undefined && args[3] !== null && typeof args[3] !== 'boolean') {
      badArg(op, 3, { en: 'a boolean', zh: '布尔值' }, args[3]);
    }
    const found = matchKeywords(value, keywords, args[3] === true);
    switch (mode) {
      case 'any':
        return found.length > 0;
      case 'all':
        return new Set(keywords.filter((k) => k !== '')).size === found.length;
      case 'count':
        return found.length;
      default:
        return found;
    }
  },
});

/** `text_length [text]`: number of Unicode code points. */
export const textLength: OperatorDefinition = catalogueOperator('text', 'text_length', {
  description: {
    en:
      'Length of a text in characters (Unicode code points, so 𠀀 or an emoji counts 1, not 2 as in ' +
      'JavaScript). Arguments: [text]. null → 0.',
    zh: '文本长度（按 Unicode 码点计，生僻字 𠀀 或表情计 1 个而非 JavaScript 的 2 个）。参数：[文本]。null 为 0。',
  },
  argsSchema: argsOf([{ title: 'text', description: 'The text.', type: ['string', 'null'] }]),
  resultSchema: { type: 'integer', minimum: 0 },
  examples: [
    { rule: { text_length: ['已办结'] }, expected: 3 },
    {
      rule: { text_length: [{ var: 'reply' }] },
      data: { reply: '𠀀好' },
      expected: 2,
      description: 'Astral characters count once.',
    },
    { rule: { text_length: [{ var: 'missing' }] }, data: {}, expected: 0 },
  ],
  evaluate(args, op) {
    return [...text(op, args, 0)].length;
  },
});

/** The text group, in catalogue order. */
export const textOperators: OperatorDefinition[] = [textContains, keywordMatch, textLength];
