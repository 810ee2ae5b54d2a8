/** @module Texts and identifiers of Open311 replies: both-language messages, the reply language's pick, and the opaque public ids of cases. */
import type { LocalizedText } from '../../../schemas/types.gen.ts';
import { ValidationError } from '../../core/errors.ts';
import type { Open311Lang } from './model.ts';

/** A message in both languages. */
export const text = (en: string, zh: string): LocalizedText => ({ en, zh });
/** The text of the reply language, else the other one. */
export const pick = (t: LocalizedText | undefined | null, lang: Open311Lang): string =>
  t ? (lang === 'en' ? t.en || t.zh : t.zh || t.en) : '';

/** A 400 `open311.<code>`. */
export const badInput = (code: string, en: string, zh: string, path?: string) =>
  new ValidationError(`open311.${code}`, text(en, zh), path ? { path } : {});

/**
 * The public id of a case: its random id (a v4 UUID from the id source) without the `case_`
 * prefix. The sequential case number never appears in, and is never accepted by, Open311.
 */
export function publicIdOf(caseId: string): string {
  return caseId.startsWith('case_') ? caseId.slice('case_'.length) : caseId;
}

const PUBLIC_ID = /^[A-Za-z0-9-]{16,64}$/;

/** The case id a public id stands for, or null when it cannot be one (e.g. a case number). */
export function caseIdOf(publicId: string): string | null {
  return PUBLIC_ID.test(publicId) ? `case_${publicId}` : null;
}
