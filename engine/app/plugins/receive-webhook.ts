/** @module Verifying and applying an inbound plugin webhook. */
import { AuthenticationError, ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { InboundCommand } from '../../core/plugin-api.ts';
import { type PluginDeps, WEBHOOK_SECRET_FIELD, pluginOf, openCredentials } from './shared.ts';

/** The result of an inbound webhook. */
export interface WebhookResult {
  status: 'accepted' | 'duplicate';
  deliveryId: string;
  results: Array<{
    type: InboundCommand['type'];
    caseId: string | null;
    caseNumber: string;
    isDuplicate: boolean;
  }>;
}

const rejected = (code: string, en: string, zh: string) => new AuthenticationError(code, { en, zh });

/**
 * The case id of every case a `trackHandoff` command names, by case number. A command naming a case
 * number that does not exist is refused (`plugin.unknown_case`), and one whose `caseId` belongs to
 * another case too (`plugin.case_mismatch`): an outside system must not record statuses on
 * cases Baton never handed to it.
 */
async function caseIdsOfHandoffs(
  deps: PluginDeps,
  commands: readonly InboundCommand[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [index, command] of commands.entries()) {
    if (command.type !== 'trackHandoff') continue;
    const { caseNumber, caseId } = command.input;
    const found = ids.has(caseNumber)
      ? ids.get(caseNumber)!
      : (await deps.store.cases.getByNumber(caseNumber))?.id;
    if (found === undefined) {
      throw new ValidationError(
        'plugin.unknown_case',
        {
          en: `The webhook names case ${caseNumber}, which does not exist.`,
          zh: `回调中的办件编号 ${caseNumber} 不存在。`,
        },
        { path: `/commands/${index}/caseNumber`, details: { caseNumber } },
      );
    }
    if (caseId !== undefined && caseId !== found) {
      throw new ValidationError(
        'plugin.case_mismatch',
        {
          en: `The webhook's case id does not belong to case ${caseNumber}.`,
          zh: `回调中的办件标识与办件编号 ${caseNumber} 不符。`,
        },
        { path: `/commands/${index}/caseId`, details: { caseNumber } },
      );
    }
    ids.set(caseNumber, found);
  }
  return ids;
}

type TrackHandoff = Extract<InboundCommand, { type: 'trackHandoff' }>['input'];

/**
 * Runs the workflow action a reported status carries, unless that status of that outside item was
 * recorded before (a re-sent report under a new delivery id): reports are idempotent per
 * `(plugin, externalId, status)`, so a decision moves the case once.
 */
async function applyHandoffAction(
  deps: PluginDeps,
  input: { plugin: string; caseId: string; command: TrackHandoff },
): Promise<void> {
  const { command } = input;
  const seen = await deps.plugins.listHandoffStatuses({
    plugin: input.plugin,
    caseNumber: command.caseNumber,
    limit: 1000,
  });
  if (seen.some((s) => s.externalId === command.externalId && s.status === command.status)) return;
  if (!deps.intake.takeCaseAction) {
    throw new ConflictError('plugin.case_actions_unavailable', {
      en: 'This server takes no case actions from plugins.',
      zh: '本服务不接受插件对办件执行流程动作。',
    });
  }
  await deps.intake.takeCaseAction({
    plugin: input.plugin,
    caseId: input.caseId,
    action: command.action!.name,
    input: command.action!.input,
  });
}

type WebhookInput = { name: string; rawBody: string; headers: Record<string, string> };
type PluginState = NonNullable<Awaited<ReturnType<PluginDeps['plugins']['getState']>>>;

/** The state of a plugin that takes webhooks; 404 `plugin.webhook_unavailable` otherwise. */
async function webhookPlugin(deps: PluginDeps, name: string): Promise<PluginState> {
  const plugin = pluginOf(deps, name);
  const state = await deps.plugins.getState(name);
  if (!state?.isEnabled || !plugin.hooks.includes('onWebhook')) {
    throw new NotFoundError('plugin.webhook_unavailable', {
      en: `Plugin "${name}" is not enabled or takes no webhooks.`,
      zh: `插件“${name}”未启用或不接收回调。`,
    });
  }
  return state;
}

/** Checks the signature and the timestamp's window; returns the timestamp and signature sent. */
function verifySignature(
  deps: PluginDeps,
  state: PluginState,
  input: WebhookInput,
): { timestamp: string; signature: string } {
  const secret = openCredentials(deps, state.sealedCredentials)[WEBHOOK_SECRET_FIELD];
  if (typeof secret !== 'string' || secret === '') {
    throw rejected('webhook.no_secret', 'No webhook secret is configured.', '未配置回调签名密钥。');
  }
  const timestamp = input.headers['x-baton-timestamp'] ?? '';
  const signature = (input.headers['x-baton-signature'] ?? '').replace(/^sha256=/, '');
  const expected = deps.signer.sign(secret, `${timestamp}.${input.rawBody}`);
  if (!/^\d{1,12}$/.test(timestamp) || !signature || !deps.tokens.safeEqual(signature, expected)) {
    throw rejected(
      'webhook.bad_signature',
      'The webhook signature is missing or wrong.',
      '回调签名缺失或错误。',
    );
  }
  const tolerance = deps.webhookToleranceMs ?? 5 * 60 * 1000;
  if (Math.abs(deps.clock.now().getTime() - Number(timestamp) * 1000) > tolerance) {
    throw rejected(
      'webhook.stale_timestamp',
      'The webhook timestamp is outside the accepted window (replayed or clock skew).',
      '回调时间戳超出允许范围（可能为重放或时钟偏差）。',
    );
  }
  return { timestamp, signature };
}

function parsePayload(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new ValidationError('request.malformed_json', {
      en: 'The body is not JSON.',
      zh: '请求体不是合法 JSON。',
    });
  }
}

/** Applies one command the plugin mapped the payload to. */
async function applyCommand(
  deps: PluginDeps,
  plugin: string,
  command: InboundCommand,
  caseIds: ReadonlyMap<string, string>,
): Promise<WebhookResult['results'][number]> {
  if (command.type === 'intakeCase') {
    return { type: command.type, ...(await deps.intake.intakeCase(command.input)) };
  }
  if (command.type === 'trackHandoff') {
    const caseId = caseIds.get(command.input.caseNumber) ?? null;
    // A status that takes a workflow action (e.g. the approval decision) moves the case the first
    // time it is reported; the action is refused like a staff action (4xx) and then nothing is recorded.
    if (command.input.action && caseId !== null)
      await applyHandoffAction(deps, { plugin, caseId, command: command.input });
    const isNew = await deps.plugins.recordHandoffStatus({
      plugin,
      caseNumber: command.input.caseNumber,
      caseId,
      externalId: command.input.externalId,
      status: command.input.status,
      note: command.input.note ?? null,
      reportedAt: command.input.at ?? null,
      receivedAt: deps.clock.now().toISOString(),
    });
    return {
      type: command.type,
      caseId: caseIds.get(command.input.caseNumber) ?? null,
      caseNumber: command.input.caseNumber,
      isDuplicate: !isNew,
    };
  }
  throw new ValidationError('webhook.unknown_command', {
    en: `The plugin returned an unknown command "${(command as { type: string }).type}".`,
    zh: `插件返回了未知指令“${(command as { type: string }).type}”。`,
  });
}

/**
 * Verifies and applies an inbound webhook: HMAC-SHA256 over `timestamp.body` with the plugin's
 * `webhookSecret` credential, timestamp within the tolerance, and a delivery id seen only once
 * (a repeat is acknowledged but not applied). The plugin maps the payload to commands.
 */
export async function receiveWebhook(deps: PluginDeps, input: WebhookInput): Promise<WebhookResult> {
  const state = await webhookPlugin(deps, input.name);
  const { timestamp, signature } = verifySignature(deps, state, input);
  const payload = parsePayload(input.rawBody);
  const deliveryId = input.headers['x-baton-delivery'] || deps.tokens.sha256(`${timestamp}.${signature}`);
  if (await deps.plugins.hasWebhookReceipt(input.name, deliveryId)) {
    return { status: 'duplicate', deliveryId, results: [] };
  }
  const commands = await deps.host.onWebhook({
    name: input.name,
    payload,
    headers: input.headers,
    config: state.config,
  });
  // Acknowledgements must name real cases: all are checked before any command is applied.
  const caseIds = await caseIdsOfHandoffs(deps, commands);
  const results: WebhookResult['results'] = [];
  for (const command of commands) results.push(await applyCommand(deps, input.name, command, caseIds));
  // Recorded after applying: a failure above lets the sender retry; commands are idempotent themselves.
  await deps.plugins.addWebhookReceipt({
    plugin: input.name,
    deliveryId,
    receivedAt: deps.clock.now().toISOString(),
  });
  return { status: 'accepted', deliveryId, results };
}
