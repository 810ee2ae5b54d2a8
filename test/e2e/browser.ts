/** @module Browser helpers for the journeys: headless Chromium, fresh contexts, screenshots, field lookups. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

const shotDir = resolve(import.meta.dirname, '../../test-results/e2e');

/** Headless Chromium from the system, with background chatter switched off. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

/** A fresh context (no cookies, no localStorage) in the district's time zone. */
export const newContext = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
  });

/** Saves a full-page screenshot to test-results/e2e/<name>.png. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(shotDir, { recursive: true });
  const path = resolve(shotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
};

/** Signs in through the login page and waits for the navigation. */
export const login = async (
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> => {
  await page.goto(`${baseUrl}/#/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
};

/** The error text linked to an input through aria-describedby ('' when none). */
export const errorOf = async (input: Locator): Promise<string> => {
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const errorId = ids.split(' ').find((id) => id.endsWith('-error'));
  if (!errorId) return '';
  return ((await input.page().locator(`[id="${errorId}"]`).textContent()) ?? '').trim();
};

/** Ids of the navigation entries in order. */
export const navIds = (page: Page): Promise<string[]> =>
  page.locator('nav [data-nav]').evaluateAll((links) => links.map((a) => a.getAttribute('data-nav') ?? ''));
