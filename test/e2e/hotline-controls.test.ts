/** @module Browser journey of the hotline controls against the real server, on the product's clock (BATON_NOW, November of the demo year): a repeat call merged into its original and the citizen told which case carries it; two returns, then only 申请仲裁 and the arbitrated unit fixed; 挂起 pausing the handle clock and 恢复办理; the 催办 → 督办 → 挂牌督办 ladder over restarts on the same database with later clocks; 回访 not reached, then reached with a satisfaction that rates the case. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type LiveSession, signInOverApi, until } from '../support/live-session.ts';
import { serverNow } from '../support/server.ts';
import { login, screenshot, useJourney } from './browser.ts';
import { act, handleAndReply, openCasePage, statusOf, verifyAndNotify } from './case-page.ts';

type Json = Record<string, any>;

/**
 * The product's instants (Asia/Shanghai, November 2026 has no holidays). The case's handle clock
 * (five working days, office hours 09:00–12:00 and 13:30–17:30) starts minutes after Monday 09:30,
 * so 80 % of it is reached Friday about 09:30, its deadline Monday 16 November about 09:30, and the
 * second supervision level two working days later, Wednesday about 09:30.
 */
const MONDAY = '2026-11-09T09:30:00+08:00';
const FRIDAY_AFTER_80 = '2026-11-13T14:00:00+08:00';
const MONDAY_AFTER_DEADLINE = '2026-11-16T14:00:00+08:00';
const WEDNESDAY_AFTER_TWO_DAYS = '2026-11-18T14:00:00+08:00';

/** The same district (database and demo passwords) for every run of the server. */
const dataDir = mkdtempSync(join(tmpdir(), 'baton-hotline-journey-'));
/** Passwords of users this journey creates (the demo ones come from the server's password file). */
const extraPasswords: Record<string, string> = {};

// Registered before the journey's hooks, so it runs after the server has stopped.
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});
const journey = useJourney({ dataDir, env: { BATON_NOW: MONDAY } });

/** Stops the server and starts it again on the same database with the product's clock at `now`. */
const restartAt = async (now: string): Promise<void> => {
  apiSessions = new Map();
  expect(await journey.restart({ dataDir, env: { BATON_NOW: now } })).toBe(0);
  const health = await serverNow(journey.server.url);
  expect(Date.parse(health) - Date.parse(now)).toBeGreaterThanOrEqual(0);
  expect(Date.parse(health) - Date.parse(now)).toBeLessThan(60_000);
};

const passwordOf = (username: string): string =>
  extraPasswords[username] ?? journey.server.passwords[username]!;

/** A fresh browser context (its clock at the product's now), signed in as `username`. */
const signIn = async (username: string): Promise<Page> => {
  const page = await journey.openPage();
  await login(page, journey.server.url, username, passwordOf(username));
  return page;
};

/** API sessions of the running server by username, signed in once per server run. */
let apiSessions = new Map<string, LiveSession>();
const apiAs = async (username: string): Promise<LiveSession> => {
  let session = apiSessions.get(username);
  if (!session) {
    const running = journey.server;
    session = await signInOverApi(
      { ...running, passwords: { [username]: passwordOf(username) } },
      username,
    ).catch((error: unknown) => {
      throw new Error(
        `${username} could not sign in (${String(error)}); the server said:\n${running.logs().slice(-4000)}`,
      );
    });
    apiSessions.set(username, session);
  }
  return session;
};

const openCase = (page: Page, id: string): Promise<void> =>
  openCasePage(page, `${journey.server.url}/#/cases/${id}`);

/** The labels of the actions the case page offers, in order. */
const offered = (page: Page): Promise<string[]> =>
  page
    .getByTestId('case-actions')
    .locator('.actions button')
    .evaluateAll((buttons) => buttons.map((b) => (b.textContent ?? '').trim()));

/** Takes a call in the studio's hotline intake; resolves the new case's id, number and query password. */
const takeCall = async (
  page: Page,
  call: { name: string; phone: string; address: string; text: string },
): Promise<{ id: string; number: string; password: string }> => {
  await page.goto(`${journey.server.url}/#/cases/hotline`);
  await page.locator('#intake-category').selectOption('education.school');
  await page.getByLabel('诉求内容').fill(call.text);
  await page.getByLabel('事发地址').fill(call.address);
  await page.locator('#intake-name').fill(call.name);
  await page.locator('#intake-phone').fill(call.phone);
  await page.getByRole('button', { name: '提交诉求' }).click();
  const receipt = page.getByTestId('intake-receipt');
  await receipt.waitFor();
  const number = /\d{4}-\d{6}/.exec((await receipt.textContent()) ?? '')?.[0] ?? '';
  const password = ((await receipt.locator('strong').textContent()) ?? '').trim();
  expect(number).not.toBe('');
  expect(password).toMatch(/^\d{6}$/);
  await page.getByTestId('case-actions').waitFor();
  return { id: decodeURIComponent(page.url().split('#/cases/')[1]!), number, password };
};

/** The citizen's lookup on the portal with number and query password. */
const track = async (number: string, password: string): Promise<Page> => {
  const page = await journey.openPage();
  await page.goto(`${journey.server.url}/#/portal/track`);
  await page.getByLabel('办件编号').fill(number);
  await page.getByLabel('查询密码').fill(password);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await page.getByTestId('portal-case').waitFor();
  return page;
};

/** The caller of both calls: the same phone and address, the same category, similar words. */
const caller = { name: '李先生', phone: '13912345678', address: '新华路 18 号实验小学' };
/** The original call (taken first); it goes through the whole journey. */
const original = { id: '', number: '', password: '' };
/** The third unit, which no one has asked yet: the traffic police (公安分局). */
const police = { username: 'police_user', unitId: 'dept-public-security', name: '公安分局' };

describe('hotline controls in the studio and the portal, on the product’s clock', () => {
  it('shows the likely original on a repeat call; the dispatcher merges it with 合并 and the citizen is told which case carries it', async () => {
    const page = await signIn('dispatcher');
    Object.assign(
      original,
      await takeCall(page, {
        ...caller,
        text: '实验小学门口上下学时段车辆乱停，堵塞道路，学生过马路很危险。',
      }),
    );
    // Nothing earlier looks like it.
    expect(await page.getByTestId('case-likely-originals').count()).toBe(0);

    const repeat = await takeCall(page, {
      ...caller,
      text: '实验小学门口上下学时段车辆乱停，道路堵塞严重，学生过马路危险。',
    });
    const likely = page.getByTestId('case-likely-originals');
    await likely.waitFor();
    expect(await likely.locator('li').count()).toBe(1);
    const match = likely.locator(`li[data-case="${original.number}"]`);
    expect(await match.textContent()).toContain('同一来电号码');
    expect(await match.textContent()).toContain('同一地址');
    expect(await match.textContent()).toContain('内容相似');
    expect(await match.getByRole('link', { name: original.number }).getAttribute('href')).toBe(
      `#/cases/${original.id}`,
    );
    expect(await statusOf(page)).toBe('pendingDispatch');
    expect(await offered(page)).toEqual(
      expect.arrayContaining(['派单', '不予受理', '直接办结', '合并', '关联']),
    );
    await screenshot(page, 'hotline-likely-original');

    await act(page, {
      action: 'merge',
      label: '合并',
      fields: { 并入办件编号: original.number, 说明: '同一来电人重复反映' },
    });
    expect(await statusOf(page)).toBe('merged');
    expect((await page.locator('.case-head [data-status]').textContent())?.trim()).toBe('已合并');
    expect(await page.getByTestId('case-actions').textContent()).toContain('当前没有您可以执行的操作');
    const mergedInto = page.getByTestId('case-links').locator('li[data-relation="mergedInto"]');
    expect(await mergedInto.count()).toBe(1);
    expect(await mergedInto.getAttribute('data-case')).toBe(original.number);
    expect(await page.getByTestId('case-history').textContent()).toContain('同一来电人重复反映');
    await screenshot(page, 'hotline-merged');

    // The original now carries the repeat.
    await page.getByTestId('case-links').getByRole('link', { name: original.number }).click();
    await page.locator('.case-head').getByText(original.number).waitFor();
    const carries = page.getByTestId('case-links').locator('li[data-relation="carries"]');
    await carries.waitFor();
    expect(await carries.getAttribute('data-case')).toBe(repeat.number);

    // The citizen of the repeat call looks it up with its number and password.
    const citizen = await track(repeat.number, repeat.password);
    expect(
      await citizen.locator('[data-testid="portal-status"] [data-status]').getAttribute('data-status'),
    ).toBe('merged');
    const told = citizen.getByTestId('portal-merged-into');
    expect(await told.getAttribute('data-case')).toBe(original.number);
    expect(await told.textContent()).toContain(`已并入该办件`);
    expect(await told.textContent()).toContain(original.number);
    await screenshot(citizen, 'hotline-portal-merged');
  }, 120_000);

  it('takes two returns; the third unit is offered 申请仲裁 instead of 退单, and the unit the dispatcher fixes can neither return nor ask again', async () => {
    const admin = await apiAs('admin');
    const created = await admin.apiJson<Json>('/api/users', {
      method: 'POST',
      json: {
        username: police.username,
        displayName: '公安分局交警大队',
        roles: ['unit'],
        unitId: police.unitId,
      },
    });
    extraPasswords[police.username] = created.password;
    const dispatcherApi = await apiAs('dispatcher');
    await dispatcherApi.apiJson(`/api/cases/${original.id}/actions/dispatch`, {
      method: 'POST',
      json: { input: { leadUnitId: 'dept-education' } },
    });

    // First return, on the education bureau's page: 退单 is offered, arbitration not (no return used yet).
    const education = await signIn('dept_user');
    await openCase(education, original.id);
    expect(await offered(education)).toEqual(['签收', '退单']);
    await act(education, {
      action: 'return',
      label: '退单',
      fields: { 退单理由: '校门口车辆乱停属道路交通管理，不属于教育局职责。' },
    });
    expect(await statusOf(education)).toBe('returned');

    // Re-dispatch on the dispatcher's page: the lead picker does not start at the unit that returned it.
    const dispatcher = await signIn('dispatcher');
    await openCase(dispatcher, original.id);
    expect(await dispatcher.getByTestId('case-history').textContent()).toContain('不属于教育局职责');
    await dispatcher
      .getByTestId('case-actions')
      .locator('.actions')
      .getByRole('button', { name: '派单' })
      .click();
    const lead = dispatcher.getByTestId('action-form-dispatch').getByLabel('主办单位');
    expect(await lead.inputValue()).toBe('');
    await lead.selectOption('street-xinhua');
    await dispatcher
      .getByTestId('action-form-dispatch')
      .getByRole('button', { name: '派单', exact: true })
      .click();
    await dispatcher.getByTestId('case-notice').getByText('派单').waitFor();
    expect(await dispatcher.getByTestId('case-lead').textContent()).toBe('新华街道办事处');

    // Second return and the third dispatch: set-up over the API.
    const street = await apiAs('street_user');
    const second = await street.apiJson<Json>(`/api/cases/${original.id}/actions/return`, {
      method: 'POST',
      json: { input: { reason: '校门口道路停车管理属交警职责。' } },
    });
    expect(second.case.flags.returnCount).toBe(2);
    await dispatcherApi.apiJson(`/api/cases/${original.id}/actions/dispatch`, {
      method: 'POST',
      json: { input: { leadUnitId: police.unitId } },
    });

    // The third unit: no return left, 申请仲裁 offered with its form.
    const unit = await signIn(police.username);
    await openCase(unit, original.id);
    expect(await offered(unit)).toEqual(['签收', '申请仲裁']);
    await screenshot(unit, 'hotline-arbitration-offered');
    await act(unit, {
      action: 'requestArbitration',
      label: '申请仲裁',
      fields: { 仲裁理由: '学校周边停车秩序应由街道和教育部门共同治理，请求仲裁。' },
    });
    expect(await statusOf(unit)).toBe('arbitrationRequested');
    expect((await unit.locator('.case-head [data-status]').textContent())?.trim()).toBe('仲裁中');
    await unit.getByTestId('case-paused').waitFor();
    expect(await offered(unit)).toEqual([]);

    // The dispatcher arbitrates on the 仲裁 form: the unit picker starts at the unit that asked.
    await openCase(dispatcher, original.id);
    await dispatcher
      .getByTestId('case-actions')
      .locator('.actions')
      .getByRole('button', { name: '仲裁', exact: true })
      .click();
    const form = dispatcher.getByTestId('action-form-arbitrate');
    const decided = form.getByLabel('裁定承办单位');
    expect(await decided.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await decided.inputValue()).toBe(police.unitId);
    await form.getByLabel('仲裁意见').fill('校门口违停属交警职责，由公安分局牵头办理。');
    await screenshot(dispatcher, 'hotline-arbitrate-form');
    await form.getByRole('button', { name: '仲裁', exact: true }).click();
    await dispatcher.getByTestId('case-notice').getByText('仲裁').waitFor();
    expect(await statusOf(dispatcher)).toBe('dispatched');
    expect(await dispatcher.getByTestId('case-lead').textContent()).toBe(police.name);
    expect(await dispatcher.getByTestId('case-history').textContent()).toContain('由公安分局牵头办理');

    // The fixed unit may only sign for it now; the API refuses a return as the page does not offer it.
    await openCase(unit, original.id);
    expect(await offered(unit)).toEqual(['签收']);
    const policeApi = await apiAs(police.username);
    const refused = await policeApi.api(`/api/cases/${original.id}/actions/return`, {
      method: 'POST',
      json: { input: { reason: '再退一次' } },
    });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).error.code).toBe('workflow.guard_failed');
    const detail = await dispatcherApi.apiJson<Json>(`/api/cases/${original.id}`);
    expect(detail.flags).toMatchObject({ returnCount: 2, fixedUnitId: police.unitId, arbitrationCount: 1 });
  }, 120_000);

  it('suspends the case with 申请挂起 → 批准挂起: the handle clock pauses; 恢复办理 runs it again', async () => {
    const unit = await signIn(police.username);
    await openCase(unit, original.id);
    await act(unit, { action: 'signFor', label: '签收' });
    expect(await statusOf(unit)).toBe('handling');
    // The arbitrated unit cannot ask for arbitration after signing for either.
    expect(await offered(unit)).not.toContain('申请仲裁');
    await act(unit, {
      action: 'requestSuspension',
      label: '申请挂起',
      fields: { 挂起理由: '需等待交警部门完成校门口停车位施划方案论证。' },
    });
    expect(await statusOf(unit)).toBe('suspensionRequested');
    expect(await unit.locator('tr[data-timer="handle"]').getAttribute('data-timer-status')).toBe('running');

    const dispatcher = await signIn('dispatcher');
    await openCase(dispatcher, original.id);
    expect(await dispatcher.getByTestId('case-history').textContent()).toContain('停车位施划方案论证');
    await act(dispatcher, { action: 'approveSuspension', label: '批准挂起' });
    expect(await statusOf(dispatcher)).toBe('onHold');
    expect((await dispatcher.locator('.case-head [data-status]').textContent())?.trim()).toBe('已挂起');
    await dispatcher.getByTestId('case-paused').waitFor();
    const handle = dispatcher.locator('tr[data-timer="handle"]');
    expect(await handle.getAttribute('data-timer-status')).toBe('paused');
    expect(await handle.textContent()).toContain('已暂停');
    await screenshot(dispatcher, 'hotline-on-hold');

    await openCase(unit, original.id);
    await act(unit, { action: 'resume', label: '恢复办理' });
    expect(await statusOf(unit)).toBe('handling');
    expect(await unit.locator('tr[data-timer="handle"]').getAttribute('data-timer-status')).toBe('running');
    expect(await unit.getByTestId('case-paused').count()).toBe(0);

    // Five working days from Monday morning (plus the seconds on hold): next Monday morning.
    const detail = await (await apiAs('dispatcher')).apiJson<Json>(`/api/cases/${original.id}`);
    const deadline = Date.parse(detail.timers.handle.deadline);
    expect(deadline).toBeGreaterThanOrEqual(Date.parse('2026-11-16T09:30:00+08:00'));
    expect(deadline).toBeLessThan(Date.parse('2026-11-16T12:00:00+08:00'));
  }, 90_000);

  /** The ladder steps of the case over the API: `type:step` in order. */
  const ladderOf = async (): Promise<string[]> => {
    const detail = await (await apiAs('supervisor')).apiJson<Json>(`/api/cases/${original.id}`);
    return (detail.history as Json[])
      .filter((e) => e.type === 'reminded' || e.type === 'escalated')
      .map((e) => `${e.type}:${e.payload.step}`);
  };
  /** Waits until the deadline worker (it runs when the server starts) has recorded `count` ladder steps. */
  const waitForLadder = (count: number) =>
    until(
      async () => {
        if ((await ladderOf()).length >= count) return true;
        await new Promise((r) => setTimeout(r, 400));
        return null;
      },
      `${count} ladder steps`,
      30_000,
    );
  /** The history lines of one ladder step on the case page. */
  const stepLines = (page: Page, step: string) =>
    page.getByTestId('case-history').locator(`li[data-step="${step}"]`);
  /** Expects the case page's history to show each ladder step of `counts` that many times. */
  const expectSteps = async (page: Page, counts: Record<string, number>): Promise<void> => {
    for (const [step, count] of Object.entries(counts))
      expect(await stepLines(page, step).count(), step).toBe(count);
  };
  /** Restarts the server with the product's clock at `now`, waits for `count` ladder steps and opens the case as `username`. */
  const ladderAfterRestart = async (now: string, count: number, username: string): Promise<Page> => {
    await restartAt(now);
    await waitForLadder(count);
    const page = await signIn(username);
    await openCase(page, original.id);
    return page;
  };

  it('reminds (催办) past 80 % of the handle time, supervises (督办 level 1) past the deadline and at level 2 two working days later, each once, over restarts with a later clock', async () => {
    expect(await ladderOf()).toEqual([]);

    const dispatcher = await ladderAfterRestart(FRIDAY_AFTER_80, 1, 'dispatcher');
    await expectSteps(dispatcher, { remind: 1 });
    expect(await stepLines(dispatcher, 'remind').getAttribute('data-event')).toBe('reminded');
    expect(await stepLines(dispatcher, 'remind').locator('.timeline__label').textContent()).toBe('催办');
    expect(await dispatcher.getByTestId('case-history').locator('li[data-event="escalated"]').count()).toBe(
      0,
    );
    expect(await dispatcher.getByTestId('case-supervision').count()).toBe(0);
    expect(await ladderOf()).toEqual(['reminded:remind']);
    await screenshot(dispatcher, 'hotline-reminded');

    const supervisor = await ladderAfterRestart(MONDAY_AFTER_DEADLINE, 2, 'supervisor');
    await expectSteps(supervisor, { remind: 1, 'supervise-1': 1, 'supervise-2': 0 });
    expect(await stepLines(supervisor, 'supervise-1').locator('.timeline__label').textContent()).toBe(
      '督办 · 1级督办',
    );
    const level = supervisor.getByTestId('case-supervision');
    expect(await level.getAttribute('data-level')).toBe('1');
    expect(await level.textContent()).toBe('已督办 · 1级');
    expect(await supervisor.locator('.case-head [data-light]').getAttribute('data-light')).toBe('overdue');
    expect(await ladderOf()).toEqual(['reminded:remind', 'escalated:supervise-1']);
    await screenshot(supervisor, 'hotline-supervised-1');

    const again = await ladderAfterRestart(WEDNESDAY_AFTER_TWO_DAYS, 3, 'supervisor');
    await expectSteps(again, { remind: 1, 'supervise-1': 1, 'supervise-2': 1 });
    expect(await stepLines(again, 'supervise-2').locator('.timeline__label').textContent()).toBe(
      '挂牌督办 · 2级督办',
    );
    expect(await again.getByTestId('case-supervision').getAttribute('data-level')).toBe('2');
    expect(await ladderOf()).toEqual(['reminded:remind', 'escalated:supervise-1', 'escalated:supervise-2']);
    // The supervisor's queue lists the escalated case.
    await again.goto(`${journey.server.url}/#/cases`);
    await again.getByTestId('case-queue').locator(`tr[data-case="${original.number}"]`).waitFor();
    await screenshot(again, 'hotline-supervised-2');
  }, 150_000);

  it('records 回访: not reached keeps the case awaiting its rating; reached with 满意 rates it, and the citizen sees the rating', async () => {
    const unit = await signIn(police.username);
    await openCase(unit, original.id);
    await handleAndReply(
      unit,
      '已在实验小学门口施划临时停车位，上下学时段安排交警值守。',
      '您好，校门口已施划临时停车位，上下学时段有交警值守疏导。',
    );

    const dispatcher = await signIn('dispatcher');
    await openCase(dispatcher, original.id);
    await verifyAndNotify(dispatcher);

    // First attempt: not reached (the box 是否联系上 left unticked).
    await act(dispatcher, {
      action: 'recordCallback',
      label: '记录回访',
      fields: { 回访记录: '未接通，无人接听' },
    });
    expect(await statusOf(dispatcher)).toBe('notified');
    const callbacks = dispatcher
      .getByTestId('case-history')
      .locator('li')
      .filter({ has: dispatcher.locator('.timeline__label', { hasText: '记录回访' }) });
    expect(await callbacks.count()).toBe(1);
    expect(await callbacks.first().textContent()).toContain('是否联系上否');
    expect(await callbacks.first().textContent()).toContain('未接通');

    // Second attempt: reached, 满意.
    await act(dispatcher, {
      action: 'recordCallback',
      label: '记录回访',
      check: ['是否联系上'],
      select: { 满意度: '满意' },
      fields: { 回访记录: '市民表示满意，校门口秩序明显好转。' },
    });
    expect(await statusOf(dispatcher)).toBe('rated');
    expect((await dispatcher.locator('.case-head [data-status]').textContent())?.trim()).toBe('已评价');
    expect(await callbacks.count()).toBe(2);
    expect(await callbacks.nth(1).textContent()).toContain('是否联系上是');
    expect(await callbacks.nth(1).textContent()).toContain('满意度满意');
    await screenshot(dispatcher, 'hotline-callback-rated');
    const detail = await (await apiAs('dispatcher')).apiJson<Json>(`/api/cases/${original.id}`);
    expect(detail.flags.callbackAttempts).toBe(2);
    expect((detail.history as Json[]).filter((e) => e.type === 'transitioned').at(-1)!.payload.metric).toBe(
      'ratedSatisfied',
    );

    const citizen = await track(original.number, original.password);
    expect(
      await citizen.locator('[data-testid="portal-status"] [data-status]').getAttribute('data-status'),
    ).toBe('rated');
    expect(await citizen.getByTestId('portal-rating').textContent()).toContain('满意');
    expect(await citizen.getByTestId('portal-reply').textContent()).toContain('施划临时停车位');
    expect(await citizen.getByTestId('portal-rate-form').count()).toBe(0);
  }, 90_000);
});
