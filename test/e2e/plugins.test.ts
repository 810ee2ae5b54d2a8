/** @module Browser journey: an admin configures the SMS plugin against a simulated gateway, tests and enables it, follows failed, retried, dead and replayed deliveries in the delivery log, and upgrades it. */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpPlugin, signInOverApi } from '../support/live-session.ts';
import { type OutsideSystem, startOutsideSystem } from '../support/outside-system.ts';
import { postSignedWebhook } from '../support/signed-webhook.ts';
import { apiFromPage, screenshot, useJourney } from './browser.ts';

const SMS_KEY = 'sms-e2e-key-0123456789';
const LINKAGE_KEY = 'linkage-e2e-key-0123';
const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789';

describe('an admin runs the SMS plugin from the Plugins page', () => {
  // Short outbox delays so retries and dead letters happen within the journey.
  const journey = useJourney({
    env: {
      BATON_OUTBOX_BASE_DELAY_MS: '700',
      BATON_OUTBOX_MAX_DELAY_MS: '1500',
      BATON_OUTBOX_POLL_MS: '200',
      BATON_OUTBOX_MAX_ATTEMPTS: '4',
      BATON_PLUGIN_TIMEOUT_MS: '1500',
    },
  });
  let sms: OutsideSystem;
  let linkage: OutsideSystem;
  let page: Page;
  let incidentCount = 0;

  /** An incident from the 110 system: it becomes a case, whose case.accepted event texts the caller. */
  const sendIncident = async (): Promise<void> => {
    incidentCount++;
    const body = JSON.stringify({
      incidents: [
        {
          incidentId: `E2E-${incidentCount}`,
          description: `夜间施工噪音 ${incidentCount}`,
          callerPhone: '13900000001',
        },
      ],
    });
    const response = await postSignedWebhook(journey.server.url, 'linkage-110', {
      body,
      secret: WEBHOOK_SECRET,
      delivery: randomUUID(),
    });
    expect(response.status).toBe(200);
  };

  /** The newest SMS row of the delivery log (filtered to the SMS plugin). */
  const latestSmsRow = () => page.locator('tr[data-testid="delivery-row"][data-plugin="sms"]').first();

  beforeAll(async () => {
    [sms, linkage] = await Promise.all([
      startOutsideSystem('sms-gateway', { SMS_API_KEY: SMS_KEY }),
      startOutsideSystem('linkage-110', { LINKAGE_API_KEY: LINKAGE_KEY }),
    ]);
    // The 110 channel is set up over the API: this journey is about the SMS plugin's screens.
    const session = await signInOverApi(journey.server, 'admin');
    await setUpPlugin(session, {
      name: 'linkage-110',
      config: { baseUrl: linkage.url },
      credentials: { webhookSecret: WEBHOOK_SECRET, apiKey: LINKAGE_KEY },
    });
    page = await journey.signIn('admin');
  }, 240_000);

  afterAll(async () => {
    await Promise.all([sms?.stop(), linkage?.stop()]);
  }, 30_000);

  it('lists the plugins with version, capabilities, enabled switch and status', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '插件', exact: true }).click();
    await page.getByTestId('plugins-table').waitFor();
    // The table head renders before GET /api/plugins answers: wait for the rows, then count them.
    for (const name of ['sms', 'linkage-110', 'approval', 'city-platform']) {
      await page.getByTestId(`plugin-row-${name}`).waitFor();
      await expect(page.getByTestId(`plugin-row-${name}`).count()).resolves.toBe(1);
    }
    const smsRow = page.getByTestId('plugin-row-sms');
    expect(await smsRow.textContent()).toContain('短信网关');
    expect(await smsRow.textContent()).toContain('1.0.0');
    expect(await smsRow.textContent()).toContain('通知');
    // The SMS plugin declares the personal data it needs (the phone only: no query password leaves intake).
    expect(await page.getByTestId('plugin-personal-sms-requesterPhone').textContent()).toBe(
      '需要诉求人手机号',
    );
    expect(await page.getByTestId('plugin-personal-sms-queryPassword').count()).toBe(0);
    expect(await page.getByTestId('plugin-personal-linkage-110-requesterPhone').count()).toBe(0);
    expect(await page.getByTestId('plugin-enabled-sms').isChecked()).toBe(false);
    expect(await page.getByTestId('plugin-status-sms').textContent()).toContain('未设置');
    expect(await page.getByTestId('plugin-enabled-linkage-110').isChecked()).toBe(true);
    await screenshot(page, 'plugins-list');
  }, 60_000);

  it('configures the gateway, sets write-only credentials, tests the connection and enables the plugin', async () => {
    await page.getByTestId('plugin-open-sms').click();
    const panel = page.getByTestId('plugin-settings');
    await panel.getByTestId('plugin-config-form').waitFor();
    await panel.getByLabel('网关地址').fill(sms.url);
    await panel.getByLabel('短信签名').fill('测试区');
    await panel.getByTestId('plugin-config-save').click();
    await expect(panel.getByTestId('plugin-config-note').textContent()).resolves.toBe('配置已保存');

    const status = panel.getByTestId('plugin-credential-status');
    expect(await status.textContent()).toContain('未设置');
    const keyInput = panel.getByTestId('plugin-credentials-form').getByLabel('接口密钥');
    expect(await keyInput.getAttribute('type')).toBe('password');
    await keyInput.fill(SMS_KEY);
    await panel.getByTestId('plugin-credentials-save').click();
    await panel.getByTestId('plugin-credentials-note').waitFor();
    await expect(status.textContent()).resolves.toContain('已设置');
    // Write-only: the form is emptied and the page never holds the value.
    expect(await keyInput.inputValue()).toBe('');
    expect(await page.content()).not.toContain(SMS_KEY);

    await panel.getByTestId('plugin-test-connection').click();
    await expect(panel.getByTestId('plugin-test-result').textContent()).resolves.toBe(
      '连接成功: gateway reachable',
    );
    expect(await page.getByTestId('plugin-status-sms').textContent()).toContain('未启用');
    // Enabling asks the administrator to grant the phone; declining leaves the plugin off.
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByTestId('plugin-enabled-sms').click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain('需要诉求人手机号');
    expect(await page.getByTestId('plugin-enabled-sms').isChecked()).toBe(false);
    expect(await page.getByTestId('plugin-status-sms').textContent()).toContain('未启用');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('plugin-enabled-sms').click();
    // The row changes once PUT /enabled has answered; the box's own checked flag is no evidence of that.
    await page.getByTestId('plugin-status-sms').filter({ hasText: '运行中' }).waitFor();
    expect(await page.getByTestId('plugin-status-sms').textContent()).toContain('运行中');
    expect(await page.getByTestId('plugin-enabled-sms').isChecked()).toBe(true);
    expect(await page.getByTestId('plugin-row-sms').textContent()).toContain('已启用');
    const listed = await apiFromPage(page, { method: 'GET', url: '/api/plugins' });
    expect(listed.body.find((p: { name: string }) => p.name === 'sms')).toMatchObject({
      isEnabled: true,
      grantedPersonalData: ['requesterPhone'],
    });
    expect(await page.getByTestId('plugin-personal-sms-requesterPhone').textContent()).toContain('已授权');
    await screenshot(page, 'plugins-sms-configured');
  }, 60_000);

  it('shows failed attempts while the gateway is down and delivered once it is back', async () => {
    await page.getByTestId('delivery-filter-plugin').selectOption('sms');
    await sms.setMode({ mode: 'down' });
    await sendIncident();
    await page.waitForFunction(
      () => {
        const row = document.querySelector('tr[data-testid="delivery-row"][data-plugin="sms"]');
        return row && Number(row.children[4]?.textContent) >= 2;
      },
      undefined,
      { timeout: 30_000 },
    );
    const row = latestSmsRow();
    expect(['failed-retrying', 'delivering']).toContain(await row.getAttribute('data-status'));
    await row.getByTestId('delivery-expand').click();
    const attempts = page.getByTestId('delivery-attempts').first().getByTestId('delivery-attempt');
    expect(await attempts.count()).toBeGreaterThanOrEqual(2);
    expect(await attempts.first().textContent()).toContain('失败');
    await screenshot(page, 'plugins-delivery-failing');

    await sms.setMode({ mode: 'up' });
    await page.waitForSelector('tr[data-testid="delivery-row"][data-plugin="sms"][data-status="delivered"]', {
      timeout: 30_000,
    });
    expect(await latestSmsRow().getByTestId('delivery-status').textContent()).toBe('已送达');
    const after = page.getByTestId('delivery-attempts').first().getByTestId('delivery-attempt');
    expect(await after.last().textContent()).toContain('成功');
    expect(await after.last().textContent()).toContain('HTTP 200');
    await screenshot(page, 'plugins-delivery-recovered');
    const { messages } = await sms.admin<{ messages: Array<{ text: string }> }>('received');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toMatch(/^【测试区】您的诉求已受理/);
  }, 90_000);

  it('highlights a dead letter and replays it from the delivery log', async () => {
    await sms.setMode({ mode: 'error500' });
    await sendIncident();
    const dead = page.locator('tr[data-testid="delivery-row"][data-plugin="sms"][data-status="dead"]');
    await dead.waitFor({ timeout: 40_000 });
    expect(await dead.evaluate((el) => el.classList.contains('delivery--dead'))).toBe(true);
    expect(await dead.getByTestId('delivery-status').textContent()).toBe('死信');
    expect(await dead.locator('td').nth(4).textContent()).toBe('4');
    await page.getByTestId('delivery-filter-status').selectOption('dead');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('tr[data-testid="delivery-row"]')].every(
        (row) => row.getAttribute('data-status') === 'dead',
      ),
    );
    await screenshot(page, 'plugins-dead-letter');

    const deadId = await dead.getAttribute('data-id');
    await sms.setMode({ mode: 'up' });
    await page.getByTestId('delivery-filter-status').selectOption('');
    await page.locator(`tr[data-id="${deadId}"]`).getByTestId('delivery-replay').click();
    const replayed = page.locator(`tr[data-id="${deadId}"][data-status="delivered"]`);
    await replayed.waitFor({ timeout: 30_000 });
    expect(await replayed.getByTestId('delivery-replay').count()).toBe(0);
    await screenshot(page, 'plugins-replayed');
    const { messages } = await sms.admin<{ messages: unknown[] }>('received');
    expect(messages).toHaveLength(2);
  }, 90_000);

  it('upgrades a plugin from its row, shows the result, and the audit page filters the upgrade record', async () => {
    await page.getByTestId('plugin-upgrade-sms').click();
    const result = page.getByTestId('plugin-upgrade-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toBe('已升级 短信网关：1.0.0 → 1.0.0');
    expect(await result.getAttribute('class')).toContain('alert--success');
    // Still loaded and enabled after the re-import; the server wrote one upgrade record.
    await expect(page.getByTestId('plugin-status-sms').textContent()).resolves.toContain('运行中');
    const audit = await apiFromPage(page, { method: 'GET', url: '/api/audit?action=plugin.upgrade' });
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((r: { target: string }) => r.target)).toEqual(['plugin:sms']);
    await screenshot(page, 'plugins-upgraded');

    await page.getByRole('navigation').getByRole('link', { name: '审计', exact: true }).click();
    await page.locator('#audit-action').selectOption({ label: '升级插件' });
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="audit-table"] tbody tr[data-action]')];
      return rows.length === 1 && rows[0]!.getAttribute('data-action') === 'plugin.upgrade';
    });
    const labels = await page.locator('#audit-action option').allTextContents();
    for (const label of [
      '启用插件',
      '停用插件',
      '修改插件配置',
      '设置插件凭据',
      '新建用户',
      '登录',
      '登录失败',
    ])
      expect(labels).toContain(label);
    await screenshot(page, 'plugins-upgrade-audit');
  }, 60_000);
});
