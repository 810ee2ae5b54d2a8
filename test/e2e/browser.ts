/** @module Browser helpers for the journeys: a server and headless Chromium per file, fresh contexts, sign-in, screenshots, field lookups. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningServer, StartServerOptions } from '../support/server.ts';
import { serverNow, startServer } from '../support/server.ts';

const shotDir = resolve(import.meta.dirname, '../../test-results/e2e');

/**
 * The environment Chromium starts with: the test's, without a libfaketime preload. A run of the
 * suite under faketime moves the Node processes' date; the browser's date is set per context from
 * the server's clock instead (see `newContext`), which a preloaded Chromium would take ~40 s to start.
 */
const browserEnv = (): Record<string, string> =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[0] !== 'LD_PRELOAD' && !entry[0].startsWith('FAKETIME'),
    ),
  );

/** Headless Chromium from the system, with background chatter switched off. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    env: browserEnv(),
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

/**
 * A fresh context (no cookies, no localStorage) in the district's time zone; given the product's
 * `now`, the page's clock starts there and runs on, so the browser and the server agree on the day
 * whatever the machine's date.
 */
export const newContext = async (
  browser: Browser,
  options: { now?: string } = {},
): Promise<BrowserContext> => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
  });
  if (options.now) await context.clock.install({ time: new Date(options.now) });
  return context;
};

export { serverNow } from '../support/server.ts';

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

/** Signs out through the top bar and waits for the login page. */
export const logout = async (page: Page): Promise<void> => {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '用户登录' }).waitFor();
};

/** Opens the case configuration (办件配置) from the navigation; resolves its routing grid once shown. */
export const openCaseConfig = async (page: Page): Promise<Locator> => {
  await page.getByRole('navigation').getByRole('link', { name: '办件配置' }).click();
  const grid = page.getByTestId('routing-grid');
  await grid.waitFor();
  return grid;
};

/** A link of the main navigation, by its exact (Chinese) name. */
export const navLink = (page: Page, name: string): Locator =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true });

/** Calls the API from the page with the session's CSRF token (zh-CN); resolves status and JSON body. */
export const apiFromPage = (page: Page, request: { method: string; url: string; body?: unknown }) =>
  page.evaluate(async ({ method, url, body }) => {
    const me = await fetch('/api/me').then((r) => r.json());
    const response = await fetch(url, {
      method,
      headers: {
        'Content-Type': 'application/json',
        'x-csrf-token': me.csrfToken,
        'Accept-Language': 'zh-CN',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }, request);

/** The real server and browser one journey file shares; set once its `beforeAll` has run. */
export interface Journey {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A page in a fresh context (closed with the journey unless the test closes it first). */
  openPage(): Promise<Page>;
  /** Signs `page` in as `username` with its demo password. */
  loginAs(page: Page, username: string): Promise<void>;
  /** A fresh page signed in as `username` with its demo password; `defaultTimeoutMs` applies from before the login. */
  signIn(username: string, options?: { defaultTimeoutMs?: number }): Promise<Page>;
  /** Closes the journey's pages, stops the server and starts it again with `options` (180 s to come up); answers the stopped server's exit code. */
  restart(options: StartServerOptions): Promise<number | null>;
}

/**
 * Registers hooks that start the server (`startServer`, 180 s to come up) and Chromium before the
 * file's tests and close both after; hooks the file registers later run after (before) these.
 */
export const useJourney = (options: StartServerOptions = {}): Journey => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const journey: Journey = {
    get server() {
      if (!server) throw new Error('the journey server is not started yet (use it inside a test or hook)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the journey browser is not launched yet (use it inside a test or hook)');
      return browser;
    },
    async openPage() {
      const context = await newContext(journey.browser, { now: await serverNow(journey.server.url) });
      contexts.push(context);
      return context.newPage();
    },
    loginAs: (page, username) =>
      login(page, journey.server.url, username, journey.server.passwords[username]!),
    async signIn(username, signInOptions = {}) {
      const page = await journey.openPage();
      if (signInOptions.defaultTimeoutMs !== undefined)
        page.setDefaultTimeout(signInOptions.defaultTimeoutMs);
      await journey.loginAs(page, username);
      return page;
    },
    async restart(restartOptions) {
      for (const context of contexts.splice(0)) await context.close();
      const code = await journey.server.stop();
      server = await startServer({ timeoutMs: 180_000, ...restartOptions });
      return code;
    },
  };
  beforeAll(async () => {
    server = await startServer({ timeoutMs: 180_000, ...options });
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  }, 30_000);
  return journey;
};
