/** @module Studio i18n: the current locale (zh-CN default, persisted), message lookup and interpolation. */
import { createSignal } from 'solid-js';
import { en } from './en.ts';
import type { MessageKey } from './zh-CN.ts';
import { zhCN } from './zh-CN.ts';

export type { MessageKey } from './zh-CN.ts';

/** Locales the studio ships. */
export type Locale = 'zh-CN' | 'en';

const storageKey = 'baton.locale';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

const readStoredLocale = (): Locale => {
  try {
    return globalThis.localStorage?.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
};

const [locale, setLocaleSignal] = createSignal<Locale>(readStoredLocale());

/** The current locale, reactive. */
export { locale };

/** Switches the language, remembers it and updates `<html lang>`. */
export const setLocale = (next: Locale): void => {
  setLocaleSignal(next);
  try {
    globalThis.localStorage?.setItem(storageKey, next);
  } catch {
    // Private mode or disabled storage: the choice lasts for this page only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
};

/** Replaces `{name}` placeholders. */
export const interpolate = (template: string, params?: Record<string, unknown>): string =>
  params
    ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
    : template;

/** Message for a key in the current locale (reactive when read inside JSX / effects). */
export const t = (key: MessageKey, params?: Record<string, unknown>): string =>
  interpolate(dictionaries[locale()][key], params);

/** Lookup by a dynamic key (e.g. from a server value); undefined when the key is unknown. */
export const tryT = (key: string, params?: Record<string, unknown>): string | undefined => {
  const message = (dictionaries[locale()] as Record<string, string>)[key];
  return message === undefined ? undefined : interpolate(message, params);
};

/** The shared `common.*` messages (loading, cancel, status…): defined once here, usable from every page. */
export type CommonKey = Extract<MessageKey, `common.${string}`>;

/**
 * A page's own message catalogue: its zh-CN and en tables (the JSON files beside the page's messages
 * file, same keys; the key type comes from the Chinese table, and the English one must have each of
 * them). `text` looks a key up in the current language (reactive inside JSX), `textOr` looks up a
 * dynamic key (a status, a peer group) with a fallback. Both also know the shared `common.*` keys of
 * the studio dictionary, so a page never defines those again. Every page's messages file builds its
 * lookups with this: one mechanism.
 */
export function pageMessages<K extends string>(
  zh: Readonly<Record<K, string>>,
  en: Readonly<Record<NoInfer<K>, string>>,
): {
  text: (key: K | CommonKey, params?: Record<string, unknown>) => string;
  textOr: (key: string, fallback: string, params?: Record<string, unknown>) => string;
} {
  const lookup = (key: string): string | undefined =>
    (locale() === 'en' ? (en as Record<string, string>) : (zh as Record<string, string>))[key] ??
    (key.startsWith('common.') ? (dictionaries[locale()] as Record<string, string>)[key] : undefined);
  return {
    text: (key, params) => interpolate(lookup(key)!, params),
    textOr: (key, fallback, params) => {
      const message = lookup(key);
      return message === undefined ? fallback : interpolate(message, params);
    },
  };
}

/** A `{zh, en}` value (or a plain string) in the current language, falling back to the other one. */
export const localText = (value: { zh?: string; en?: string } | string | null | undefined): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return (locale() === 'en' ? value.en || value.zh : value.zh || value.en) ?? '';
};

/**
 * A page's countdown, "还剩 3 天" / "今天截止" / "已逾期 2 天", from its `<prefix>.daysLeft`,
 * `<prefix>.dueToday` and `<prefix>.overdue` messages (English singular for one day).
 */
export const pageCountdown =
  <P extends string>(
    text: (
      key: `${P}.daysLeft` | `${P}.dueToday` | `${P}.overdue`,
      params?: Record<string, unknown>,
    ) => string,
    prefix: P,
  ) =>
  (daysLeft: number): string => {
    if (daysLeft === 0) return text(`${prefix}.dueToday`);
    const days = Math.abs(daysLeft);
    return singularDay(text(daysLeft > 0 ? `${prefix}.daysLeft` : `${prefix}.overdue`, { days }), days);
  };

/** English "1 days" → "1 day" (other languages and counts as they are). */
export const singularDay = (text: string, days: number): string =>
  locale() === 'en' && days === 1 ? text.replace('days', 'day') : text;
