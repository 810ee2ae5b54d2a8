/** @module The demo cases' categories (seeds/cases/demo-case-categories.json) and how a category's intake-form data is drawn from them. */
import document from '../cases/demo-case-categories.json' with { type: 'json' };
import { pick, type Rng } from './random.ts';

/**
 * How one intake-form field is filled: a text with `{road}`-style placeholders, or a draw — one of a
 * list, a chance of `true` (or of `then` over `else`), an integer `from + [0, count)`, a rounded
 * `from + [0, span)` — optionally written with a prefix and suffix.
 */
export type FieldDraw =
  | string
  | ((
      | { pick: readonly (string | number)[] }
      | { chance: number; then?: string; else?: string }
      | { int: readonly [number, number] }
      | { round: readonly [number, number] }
    ) & { prefix?: string; suffix?: string });

/** One category of demo cases (see the document's `$comment`). */
export interface DemoCaseCategory {
  code: string;
  weight: number;
  texts: readonly string[];
  data?: Readonly<Record<string, FieldDraw>>;
  channels?: readonly string[];
  enterprise?: number;
  /** Working hours a unit takes to handle it, when not the group's (enquiries answered within a day). */
  hours?: number;
}

/** The categories, in the order they are drawn by weight. */
export const CATEGORIES = (document as { categories: DemoCaseCategory[] }).categories;

/** A text with its `{name}` placeholders filled. */
export const fillIn = (text: string, fill: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => fill[k] ?? '');

function drawField(spec: FieldDraw, rng: Rng, fill: Record<string, string>): unknown {
  if (typeof spec === 'string') return fillIn(spec, fill);
  let value: unknown;
  if ('pick' in spec) value = pick(rng, spec.pick);
  else if ('chance' in spec) {
    const hit = rng() < spec.chance;
    value = spec.then === undefined ? hit : hit ? spec.then : spec.else;
  } else if ('int' in spec) value = spec.int[0] + Math.floor(rng() * spec.int[1]);
  else value = Math.round(spec.round[0] + rng() * spec.round[1]);
  return spec.prefix !== undefined || spec.suffix !== undefined
    ? `${spec.prefix ?? ''}${value}${spec.suffix ?? ''}`
    : value;
}

/** The intake-form data of a case of `category`, drawn field by field in the document's order. */
export function drawCaseData(category: DemoCaseCategory, rng: Rng, fill: Record<string, string>) {
  const data: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(category.data ?? {})) data[field] = drawField(spec, rng, fill);
  return data;
}
