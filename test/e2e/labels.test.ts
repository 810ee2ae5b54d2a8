/**
 * @module Browser journey: names, not codes (issue 14.5). Every page of every role's navigation is
 * opened in zh-CN and in English; the visible text must hold no raw message key (`case.intake`,
 * `table.analysis_skipped_row`), no id where the product has a label (unit and category ids), and
 * no label in the other language (Chinese headings, buttons, column heads or field labels in the
 * English studio; English-only ones in the Chinese studio).
 *
 * Data is left alone: names of units, categories and indicators are the district's own words (often
 * only in Chinese), and text inside code, inputs and the "advanced" raw views is what a user typed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en as enMessages } from '../../studio/i18n/en.ts';
import { zhCN as zhMessages } from '../../studio/i18n/zh-CN.ts';
import { apiFromPage, useJourney } from './browser.ts';

/** Waits until the page shows its content: a level-1 heading and nothing still loading. */
const settled = async (page: Page): Promise<void> => {
  await page.locator('main h1, h1').first().waitFor();
  await expect
    .poll(() => page.locator('.boot, [aria-busy="true"], .skeleton, .spinner').count(), { timeout: 45_000 })
    .toBe(0);
  await expect.poll(() => page.getByText(/^(加载中|正在加载|Loading)/).count(), { timeout: 45_000 }).toBe(0);
  await page.waitForTimeout(300);
};

/** The hash paths of the main navigation, the home page first. */
const navPaths = async (page: Page): Promise<string[]> => {
  const hrefs = await page
    .locator('nav.sidenav a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => h.replace(/^#/, ''));
};

/** What a page shows, split for the checks: all visible text, and the text of its labels (chrome). */
interface PageText {
  /** Visible text outside code, inputs and raw views, one entry per text node. */
  texts: string[];
  /** Headings, buttons, column heads, field labels, legends, tabs and navigation links. */
  labels: string[];
}

const readPageText = (page: Page): Promise<PageText> =>
  page.evaluate(() => {
    const skip = 'code, pre, textarea, input, select option, script, style, [data-raw], [data-user-content]';
    const pageLang = document.documentElement.lang;
    // A control labelled in its own language on purpose (the language switch) says so with `lang`.
    const otherLang = (el: Element): boolean => {
      const lang = el.closest('[lang]')?.getAttribute('lang');
      return lang !== undefined && lang !== null && lang !== pageLang;
    };
    const visible = (el: Element): boolean => {
      const box = (el as HTMLElement).getBoundingClientRect?.();
      if (!box || (box.width === 0 && box.height === 0)) return false;
      const style = getComputedStyle(el);
      return style.visibility !== 'hidden' && style.display !== 'none';
    };
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!parent || !text || parent.closest(skip) || parent.closest('.sr-only') || !visible(parent))
        continue;
      texts.push(text);
    }
    const labels: string[] = [];
    const chrome = 'h1, h2, h3, h4, th, label, legend, button, [role="tab"], nav a, .page__title';
    for (const el of document.querySelectorAll(chrome)) {
      if (el.closest(skip) || otherLang(el) || !visible(el)) continue;
      // A label's own words: without the data it may hold (a select's options, a field's value).
      const clone = el.cloneNode(true) as Element;
      for (const inner of clone.querySelectorAll(`${skip}, [data-user-content]`)) inner.remove();
      const text = (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) labels.push(text);
    }
    return { texts, labels };
  });

/** First segments of the keys the studio translates: a visible `segment.rest` token is a key left raw. */
const keySpaces = new Set(
  [
    ...Object.keys(zhMessages),
    'case',
    'derived',
    'ruleset',
    'rule',
    'plugin',
    'entry',
    'amendment',
    'table',
    'whatIf',
  ]
    .map((key) => key.split('.')[0]!)
    .filter((space) => space.length > 2),
);
const fileEndings = new Set([
  'json',
  'ts',
  'js',
  'md',
  'csv',
  'ics',
  'png',
  'html',
  'xml',
  'yaml',
  'gov',
  'cn',
  'com',
]);

/** Raw message keys or codes among the visible texts. */
const rawKeys = (texts: readonly string[]): string[] =>
  texts.flatMap((text) =>
    [...text.matchAll(/(?<![\w@/.-])([a-z][a-zA-Z0-9]*)((?:\.[a-zA-Z_][a-zA-Z0-9_]*)+)(?![\w/-])/g)]
      .filter((m) => keySpaces.has(m[1]!) && !fileEndings.has(m[2]!.split('.').pop()!))
      .map((m) => m[0]),
  );

/** Ids (units, case categories) shown where the product has their names. */
const idsShown = (texts: readonly string[], ids: readonly string[]): string[] =>
  ids.filter((id) => {
    const pattern = new RegExp(`(?<![\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);
    return texts.some((text) => pattern.test(text));
  });

const han = /\p{Script=Han}/u;
/** Words that stay in Latin letters in Chinese text: names of standards, formats and the product. */
const latinWords = new Set([
  'api',
  'json',
  'csv',
  'sla',
  'open311',
  'asyncapi',
  'openapi',
  'hmac',
  'icalendar',
  'ical',
  'baton',
  'ahp',
  'url',
  'id',
  'ip',
  'sms',
  'email',
  'https',
  'http',
  'webhook',
  'logic',
  'jsonlogic',
  'dmn',
  'feel',
  'english',
  'cr',
  'ci',
  'key',
  'excel',
  'pdf',
  'sha',
  'utc',
  'gmt',
  'admin',
  'www',
  'pm',
  'am',
  'ok',
  'no',
  'vs',
]);

/** In Chinese: labels with an English word of 3+ letters and no Chinese at all. In English: labels with Chinese. */
const otherLanguage = (labels: readonly string[], locale: 'zh-CN' | 'en'): string[] =>
  labels.filter((label) => {
    if (locale === 'en') return han.test(label);
    if (han.test(label)) return false;
    const words = label.match(/[A-Za-z]{3,}/g) ?? [];
    return words.some((word) => !latinWords.has(word.toLowerCase()));
  });

describe('names, not codes: every page of every role in zh-CN and English', () => {
  const journey = useJourney();

  for (const username of ['admin', 'dispatcher', 'supervisor', 'dept_user', 'reviewer', 'auditor']) {
    it(`shows ${username} labels, not keys or ids, in the page's language`, async () => {
      const page = await journey.signIn(username, { defaultTimeoutMs: 60_000 });
      const units = await apiFromPage(page, { method: 'GET', url: '/api/units' });
      const categories = await apiFromPage(page, { method: 'GET', url: '/api/case-categories' });
      const workflow = await apiFromPage(page, { method: 'GET', url: '/api/cases/workflow' });
      type Category = { code: string; schema?: { properties?: Record<string, unknown> } };
      const codes = [
        ...((units.body.items ?? units.body) as { id: string }[]).map((u) => u.id),
        ...(categories.body as Category[]).flatMap((c) => [
          c.code,
          ...Object.keys(c.schema?.properties ?? {}),
        ]),
        ...((workflow.body.states ?? []) as { name: string }[]).map((state) => state.name),
        ...((workflow.body.actions ?? []) as { name: string }[]).map((action) => action.name),
      ];
      // Codes that cannot be read as words of a sentence: with a dash, dot, underscore or inner capital.
      const ids = [...new Set(codes)].filter((id) => id.length > 3 && /[-_.]|[a-z][A-Z]/.test(id));
      expect(ids.length).toBeGreaterThan(0);
      const paths = await navPaths(page);
      expect(paths.length).toBeGreaterThan(1);
      if (username === 'dispatcher') {
        // A case with its form filled, so the queue has a row and its detail shows the form's fields.
        const received = await apiFromPage(page, {
          method: 'POST',
          url: '/api/cases',
          body: {
            channel: 'hotline',
            category: 'urban.street-vending',
            text: '学校门口占道经营，上下学拥堵',
            data: {
              content: '学校门口占道经营，上下学拥堵',
              address: '新华路 1 号',
              vendorType: '流动摊贩',
            },
          },
        });
        expect(received.status, JSON.stringify(received.body)).toBe(201);
      }
      const problems: string[] = [];
      for (const locale of ['zh-CN', 'en'] as const) {
        await page.evaluate((value) => localStorage.setItem('baton.locale', value), locale);
        for (const path of paths) {
          await page.goto(`${journey.server.url}/#${path}`);
          await page.reload();
          try {
            await settled(page);
          } catch (error) {
            problems.push(`${locale} ${path}: did not finish loading (${String(error).slice(0, 120)})`);
            continue;
          }
          // The first detail page a list links to (a rule-set version, a case …) is walked as well.
          if (!path.includes('/', 1) && path !== '/') {
            const detail = await page
              .locator(`main a[href^="#${path}/"]`)
              .first()
              .getAttribute('href', { timeout: 1_000 })
              .catch(() => null);
            if (detail && !paths.includes(detail.replace(/^#/, ''))) paths.push(detail.replace(/^#/, ''));
          }
          const { texts, labels } = await readPageText(page);
          for (const key of new Set(rawKeys(texts))) problems.push(`${locale} ${path}: raw key "${key}"`);
          for (const id of idsShown(texts, ids)) problems.push(`${locale} ${path}: id "${id}" shown`);
          for (const label of new Set(otherLanguage(labels, locale)))
            problems.push(`${locale} ${path}: label in the other language "${label.slice(0, 80)}"`);
        }
      }
      expect(problems).toEqual([]);
    }, 600_000);
  }

  it('finds what it looks for: a raw key, an id and a label in the other language', () => {
    expect(rawKeys(['审计动作 case.intake 已记录', 'table.analysis_skipped_row'])).toEqual([
      'case.intake',
      'table.analysis_skipped_row',
    ]);
    expect(rawKeys(['plugin.json', 'admin@example.gov.cn', '1.2.3'])).toEqual([]);
    expect(idsShown(['所属单位 dept-education'], ['dept-education', 'dept-edu'])).toEqual(['dept-education']);
    expect(otherLanguage(['Save', '保存', 'API 密钥', 'CSV'], 'zh-CN')).toEqual(['Save']);
    expect(otherLanguage(['Save', '保存'], 'en')).toEqual(['保存']);
    expect(Object.keys(enMessages).length).toBe(Object.keys(zhMessages).length);
  });
});
