/** @module `baton plugin new NAME [--dir DIR]` scaffolds a plugin folder (importing `baton/plugin-api`, with tests); `baton plugin test [DIR]` loads it as the server would and runs its `plugin-tests.ts` against a recorded outside system. */
import { messageOf } from '../../../core/errors.ts';
import { clockFromEnv } from '../../clock/clock.ts';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkEvent } from '../../../core/events/catalogue.ts';
import { DISTRICT_UTC_OFFSET } from '../../../core/time-zone.ts';
import {
  DeliveryFailure,
  type JsonObject,
  type PluginTestCase,
  type RecordedRequest,
  topicMatches,
  validateAgainstSchema,
  validatePluginManifest,
} from '../../../core/plugin-api.ts';
import { systemClock } from '../../clock/clock.ts';
import { createJsonLogger } from '../../log/json-logger.ts';
import { createPluginHost } from '../../plugins/plugin-host.ts';
import { type CliCommand, type CliIO, flagValue } from './types.ts';

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

const TEMPLATE_DIR = path.resolve(import.meta.dirname, '../plugin-template');

/**
 * The files of a new plugin named `name`, from engine/adapters/cli/plugin-template (`*.tmpl`, with
 * `__NAME__` and the sample event's `__CASE_NUMBER__` / `__DEADLINE__` replaced): a notifier on `case.accepted` posting a signed JSON message, and its tests.
 */
export function scaffoldFiles(
  name: string,
  now: Date = clockFromEnv(process.env).now(),
): Record<string, string> {
  // The sample event in the tests is dated from the clock (a case received today, due in three days).
  const deadline = new Date(now.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
  const values: Record<string, string> = {
    __NAME__: name,
    __CASE_NUMBER__: `${now.toISOString().slice(0, 4)}-000001`,
    __DEADLINE__: `${deadline}T18:00:00${DISTRICT_UTC_OFFSET}`,
  };
  return Object.fromEntries(
    readdirSync(TEMPLATE_DIR)
      .filter((file) => file.endsWith('.tmpl'))
      .sort()
      .map((file) => [
        file.slice(0, -'.tmpl'.length),
        readFileSync(path.join(TEMPLATE_DIR, file), 'utf8').replace(
          /__[A-Z_]+__/g,
          (key) => values[key] ?? key,
        ),
      ]),
  );
}

function newPlugin(args: string[], io: CliIO): number {
  const [name, ...rest] = args;
  const base = path.resolve(io.cwd, flagValue(rest, '--dir') ?? '.');
  if (name === undefined || !NAME.test(name)) {
    io.stderr(
      `baton plugin new: the name must be lower case letters, digits and "-" (e.g. wecom) / 插件名只能包含小写字母、数字和“-”\n`,
    );
    return 2;
  }
  const dir = path.join(base, name);
  if (existsSync(dir)) {
    io.stderr(`baton plugin new: ${dir} already exists / 目录已存在\n`);
    return 1;
  }
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(scaffoldFiles(name))) writeFileSync(path.join(dir, file), text);
  io.stdout(
    `created ${dir} / 已创建\n` +
      `  edit index.ts and plugin-tests.ts, then: npx baton plugin test ${path.relative(io.cwd, dir) || '.'}\n` +
      `  load it: BATON_PLUGIN_DIRS=${base} npm start (in Baton's folder)\n`,
  );
  return 0;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** A fetch that records each request and answers with the test case's canned response. */
function recordingFetch() {
  const state: { answer: { status: number; body?: unknown }; requests: RecordedRequest[] } = {
    answer: { status: 200, body: {} },
    requests: [],
  };
  const recording = (async (url: string | URL | Request, init?: RequestInit) => {
    const rawBody = init?.body === undefined || init.body === null ? '' : String(init.body);
    let body: unknown = rawBody;
    try {
      body = rawBody === '' ? null : JSON.parse(rawBody);
    } catch {
      // keep the text
    }
    state.requests.push({
      method: init?.method ?? 'GET',
      url: String(url),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      rawBody,
      body,
    });
    return new Response(JSON.stringify(state.answer.body ?? {}), {
      status: state.answer.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { state, fetch: recording };
}

type LoadedPlugin = Awaited<ReturnType<ReturnType<typeof createPluginHost>['load']>>;

/** What is wrong with a test case before it runs: its event, config and credentials, and the subscription. */
function problemsOf(testCase: PluginTestCase, loaded: LoadedPlugin): string[] {
  const problems = [
    ...checkEvent(testCase.event).map((i) => `event ${i.path}: ${i.message}`),
    ...validateAgainstSchema(loaded.configSchema, testCase.config).map(
      (i) => `config ${i.path} ${i.message}`,
    ),
    ...validateAgainstSchema(loaded.credentialsSchema, testCase.credentials).map(
      (i) => `credentials ${i.path} ${i.message}`,
    ),
  ];
  if (!loaded.manifest!.events.some((pattern) => topicMatches(pattern, testCase.event.topic)))
    problems.push(`the plugin does not subscribe to ${testCase.event.topic}`);
  return problems;
}

/** Delivers the test case's event through the host and runs its check; the error text, or null when it passed. */
async function runCase(
  host: ReturnType<typeof createPluginHost>,
  name: string,
  index: number,
  testCase: PluginTestCase,
  recorder: ReturnType<typeof recordingFetch>['state'],
): Promise<string | null> {
  recorder.answer = testCase.respond ?? { status: 200, body: {} };
  recorder.requests = [];
  let failure: { message: string; statusCode: number | null; isPermanent: boolean } | null = null;
  try {
    await host.deliver({
      name,
      event: {
        id: index + 1,
        topic: testCase.event.topic,
        payload: testCase.event.payload,
        createdAt: systemClock.now().toISOString(),
      },
      config: testCase.config as JsonObject,
      credentials: testCase.credentials as JsonObject,
      idempotencyKey: `test-delivery-${index + 1}`,
    });
  } catch (thrown) {
    failure =
      thrown instanceof DeliveryFailure
        ? { message: thrown.message, statusCode: thrown.statusCode, isPermanent: thrown.isPermanent }
        : { message: String(thrown), statusCode: null, isPermanent: false };
  }
  try {
    await testCase.check({ requests: recorder.requests, failure });
    return null;
  } catch (thrown) {
    return messageOf(thrown);
  }
}

/** `baton plugin test [DIR]`: loads the plugin as Baton would and runs its plugin-tests.ts against a recording fetch. */
async function testPlugin(args: string[], io: CliIO): Promise<number> {
  const dir = path.resolve(io.cwd, args[0] ?? '.');
  const manifestFile = path.join(dir, 'plugin.json');
  if (!existsSync(manifestFile)) {
    io.stderr(`baton plugin test: no plugin.json in ${dir} / 该目录没有 plugin.json\n`);
    return 2;
  }
  const name = path.basename(dir);
  const manifestIssues = validatePluginManifest(readJson(manifestFile), name);
  if (manifestIssues.length > 0) {
    io.stderr(`plugin.json: ${manifestIssues.map((i) => `${i.path} ${i.message}`).join('; ')}\n`);
    return 1;
  }
  const testsFile = ['plugin-tests.ts', 'plugin-tests.js'].map((f) => path.join(dir, f)).find(existsSync);
  if (!testsFile) {
    io.stderr(`baton plugin test: no plugin-tests.ts in ${dir} / 没有 plugin-tests.ts\n`);
    return 2;
  }
  const recorder = recordingFetch();
  const host = createPluginHost({
    dirs: [path.dirname(dir)],
    logger: createJsonLogger(() => {}),
    fetch: recorder.fetch,
    clock: systemClock,
  });
  await host.discover();
  const loaded = await host.load(name);
  if (!loaded.isLoaded) {
    io.stderr(`✗ ${name} does not load / 无法加载: ${loaded.loadError ?? 'unknown error'}\n`);
    return 1;
  }
  // Through the same module hooks as the plugin: `baton/plugin-api` resolves, .ts is an ES module.
  const cases = ((await import(pathToFileURL(testsFile).href)) as { default?: PluginTestCase[] }).default;
  if (!Array.isArray(cases) || cases.length === 0) {
    io.stderr('baton plugin test: plugin-tests.ts must export default definePluginTests([...]) with cases\n');
    return 2;
  }
  let failed = 0;
  for (const [index, testCase] of cases.entries()) {
    const problems = problemsOf(testCase, loaded);
    const error =
      problems.length > 0 ? problems.join('; ') : await runCase(host, name, index, testCase, recorder.state);
    if (error === null) io.stdout(`✓ ${testCase.name}\n`);
    else {
      failed++;
      io.stdout(`✗ ${testCase.name}\n    ${error}\n`);
    }
  }
  io.stdout(
    `${cases.length - failed} passed, ${failed} failed / 通过 ${cases.length - failed}，失败 ${failed}\n`,
  );
  return failed === 0 ? 0 : 1;
}

/** `baton plugin new NAME` / `baton plugin test [DIR]`. */
export const pluginCommand: CliCommand = {
  name: 'plugin',
  summary: 'plugin new NAME [--dir DIR]: scaffold a plugin; plugin test [DIR]: run its plugin-tests.ts',
  usage: 'plugin new NAME | plugin test [DIR]',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'new') return newPlugin(rest, io);
    if (sub === 'test') return testPlugin(rest, io);
    io.stderr('usage: baton plugin new NAME [--dir DIR] | baton plugin test [DIR]\n');
    return 2;
  },
};
