/** @module The zh-CN / English toggle button. */
import type { Component } from 'solid-js';
import { locale, setLocale, t } from '../i18n/index.ts';

/** Switches between Chinese and English; the choice is remembered. */
export const LanguageSwitch: Component = () => (
  <button
    type="button"
    class="btn btn--ghost lang-switch"
    lang={locale() === 'en' ? 'zh-CN' : 'en'}
    aria-label={t('lang.switchLabel')}
    data-testid="language-switch"
    onClick={() => setLocale(locale() === 'en' ? 'zh-CN' : 'en')}
  >
    {t('lang.switchTo')}
  </button>
);
