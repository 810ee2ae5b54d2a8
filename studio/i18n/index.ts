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
