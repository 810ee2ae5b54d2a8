/**
 * @module Duplicate detection at intake (重复件识别): which recent cases a new case is likely a repeat of, by caller phone, address, category and text similarity, with the settings of the workflow document's `duplicates` section.
 *
 * The app reads the candidates with an indexed query bounded by the window (same category or same
 * phone, received in the window before the new case); this module only judges them.
 */
import type { Workflow } from '../../../schemas/types.gen.ts';

/** The `duplicates` section of a workflow document. */
export interface DuplicateSettings {
  /** How far back (hours before the new case was received) earlier cases are compared. */
  windowHours: number;
  /** Whether a likely original must be of the same category. */
  sameCategory: boolean;
  /** Character-bigram similarity (0–1) of the texts from which texts alone make a likely original. */
  textSimilarity: number;
  /** Most likely originals listed. */
  limit: number;
  /** States of earlier cases that are never originals (e.g. `merged`, `rejected`). */
  excludeStates: string[];
}

/** An earlier case compared with the new one. */
export interface DuplicateCandidate {
  id: string;
  number: string;
  category: string;
  status: string;
  text: string;
  phone: string | null;
  address: string | null;
  createdAt: string;
}

/** A likely original of a new case and why. */
export interface DuplicateMatch {
  caseId: string;
  number: string;
  status: string;
  createdAt: string;
  reasons: ('phone' | 'address' | 'text')[];
  /** Text similarity (0–1, three decimals). */
  similarity: number;
}

/** The document's duplicate settings, or null when the workflow does not ask for duplicate detection. */
export function duplicateSettingsOf(doc: Workflow): DuplicateSettings | null {
  const raw = doc.duplicates;
  if (!raw || typeof raw.windowHours !== 'number' || raw.windowHours <= 0) return null;
  return {
    windowHours: raw.windowHours,
    sameCategory: raw.sameCategory ?? true,
    textSimilarity: raw.textSimilarity ?? 0.6,
    limit: raw.limit ?? 5,
    excludeStates: raw.excludeStates ?? [],
  };
}

const normalize = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

/** Character bigrams of a normalized text as counts keyed by the two code points (numbers, not strings: this runs for every candidate of every intake). */
function bigrams(s: string): { grams: Map<number, number>; size: number } {
  const chars = Array.from(normalize(s), (c) => c.codePointAt(0)!);
  const grams = new Map<number, number>();
  if (chars.length === 1) grams.set(chars[0]!, 1);
  for (let i = 1; i < chars.length; i++) {
    const key = chars[i - 1]! * 0x110000 + chars[i]!;
    grams.set(key, (grams.get(key) ?? 0) + 1);
  }
  return { grams, size: chars.length < 2 ? chars.length : chars.length - 1 };
}

function dice(x: ReturnType<typeof bigrams>, y: ReturnType<typeof bigrams>): number {
  if (x.size === 0 || y.size === 0) return 0;
  const [small, large] = x.grams.size <= y.grams.size ? [x.grams, y.grams] : [y.grams, x.grams];
  let shared = 0;
  for (const [g, n] of small) shared += Math.min(n, large.get(g) ?? 0);
  return (2 * shared) / (x.size + y.size);
}

/** Dice coefficient of the character bigrams of two texts (punctuation and spaces ignored): 1 = same text, 0 = nothing shared. */
export function textSimilarity(a: string, b: string): number {
  return dice(bigrams(a), bigrams(b));
}

/**
 * The likely originals among `candidates` of a new case, best first: same category (when the
 * settings ask) and the same caller phone, the same address or a text at least
 * `textSimilarity` alike. Candidates in `excludeStates` or received after the new case are skipped.
 */
export function judgeDuplicates(
  settings: DuplicateSettings,
  incoming: {
    category: string;
    text: string;
    phone: string | null;
    address: string | null;
    receivedAt: string;
  },
  candidates: readonly DuplicateCandidate[],
): DuplicateMatch[] {
  const out: DuplicateMatch[] = [];
  const phone = incoming.phone ? incoming.phone.replace(/\D/g, '') : '';
  const address = incoming.address ? normalize(incoming.address) : '';
  const text = bigrams(incoming.text);
  const receivedMs = Date.parse(incoming.receivedAt);
  for (const c of candidates) {
    if (settings.excludeStates.includes(c.status)) continue;
    if (settings.sameCategory && c.category !== incoming.category) continue;
    if (Date.parse(c.createdAt) > receivedMs) continue;
    const reasons: DuplicateMatch['reasons'] = [];
    if (phone !== '' && c.phone && c.phone.replace(/\D/g, '') === phone) reasons.push('phone');
    if (address !== '' && c.address && normalize(c.address) === address) reasons.push('address');
    const similarity = c.text === incoming.text ? 1 : dice(text, bigrams(c.text));
    if (similarity >= settings.textSimilarity) reasons.push('text');
    if (reasons.length === 0) continue;
    out.push({
      caseId: c.id,
      number: c.number,
      status: c.status,
      createdAt: c.createdAt,
      reasons,
      similarity: Math.round(similarity * 1000) / 1000,
    });
  }
  out.sort((a, b) => b.reasons.length - a.reasons.length || b.similarity - a.similarity);
  return out.slice(0, settings.limit);
}
