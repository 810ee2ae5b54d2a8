/** @module Wiring: opens the store, seeds the demo district, builds the HTTP app and serves it; the only importer of adapters. */
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { withAuditKey } from './app/audit.ts';
import { DEFAULT_AUTH_SETTINGS } from './app/context.ts';
import { createPluginCasePort } from './app/cases/plugin-case-action.ts';
import { createOperations } from './app/operations.ts';
import { setEventCheckMode } from './app/outbox.ts';
import type { SeedUnit } from './app/seed-demo.ts';
import { seedDemoCases } from '../seeds/generators/seed-demo-cases.ts';
import { generateDemoCases } from '../seeds/generators/demo-case-plans.ts';
import { planDemoYears, shiftYear } from '../seeds/generators/demo-years.ts';
import type { SeedHistory } from './app/performance/seed-performance-history.ts';
import { warmScoring } from './app/performance/scoring-state.ts';
import { districtDayStart, todayOf } from './core/time-zone.ts';
import type { Clock } from './ports/clock.ts';
import type { Logger } from './ports/logger.ts';
import { clockFromEnv } from './adapters/clock/clock.ts';
import { createScryptHasher, nodeTokens, uuidIds } from './adapters/crypto/node-crypto.ts';
import { createQueryPasswordHasher } from './adapters/crypto/query-password-hasher.ts';
import { deriveAuditKey } from './adapters/crypto/audit-key.ts';
import { filePathOf, openStore } from './adapters/db/libsql-store.ts';
import { createHttpApp } from './adapters/http/app.ts';
import { createJsonLogger } from './adapters/log/json-logger.ts';
import { createDeadlineWorker } from './adapters/plugins/deadline-worker.ts';
import { createPluginRuntime, pluginDirsFromEnv } from './adapters/plugins/plugin-runtime.ts';
import { createSecretBox, loadSecretKey } from './adapters/plugins/secret-box.ts';
import { trustedHopsOf } from './adapters/http/client-ip.ts';
import { createWhatIfRunner, whatIfRunnerOptions } from './adapters/workers/what-if.ts';

const root = resolve(import.meta.dirname, '..');

/** Every JSON file of a seeds/ folder, by file name (rule sets to publish, calendars, ledger histories). */
function loadSeedFiles(folder: string): unknown[] {
  const dir = resolve(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as unknown);
}

function printPasswords(passwords: Record<string, string>): void {
  const width = Math.max(...Object.keys(passwords).map((name) => name.length));
  const lines = Object.entries(passwords).map(([name, password]) => `  ${name.padEnd(width)}  ${password}`);
  process.stdout.write(
    [
      '',
      '==================== Baton demo accounts / 演示账号 ====================',
      'Random passwords, shown only now. 随机密码，仅在此显示一次。',
      ...lines,
      '=========================================================================',
      '',
    ].join('\n'),
  );
}

/** Outbox events off the catalogue fail loudly in tests and development, and are logged in production. */
function chooseEventChecks(env: NodeJS.ProcessEnv, logger: Logger): void {
  // In production (BATON_EVENT_CHECKS=report, or NODE_ENV=production without BATON_EVENT_CHECKS=strict)
  // the change and its event are kept and the mismatch is logged (docs/events.md).
  if (
    env.BATON_EVENT_CHECKS === 'report' ||
    (env.NODE_ENV === 'production' && env.BATON_EVENT_CHECKS !== 'strict')
  )
    setEventCheckMode({
      mode: 'report',
      report: (event, issues) =>
        logger.error('outbox event does not match the event catalogue', { topic: event.topic, issues }),
    });
}

/** Opens the store under its audit key and builds the operations' dependencies from the environment. */
async function dependenciesOf(env: NodeJS.ProcessEnv, clock: Clock, logger: Logger) {
  const openedStore = await openStore(env.BATON_DB_URL);
  // The server secret of plugin credentials, found where createPluginRuntime finds it.
  const dbFile = filePathOf(openedStore.url);
  if (!dbFile && !openedStore.url.startsWith('file:') && !env.BATON_SECRET_KEY)
    logger.warn(
      'BATON_SECRET_KEY is not set: every node on a shared database needs the same key (docs/deploy.md)',
      { dbUrl: openedStore.url },
    );
  const secretKey = loadSecretKey({
    envKey: env.BATON_SECRET_KEY,
    dataDir: dbFile ? dirname(dbFile) : resolve('data'),
  });
  // Audit records and their checkpoints are HMAC'd under a subkey of the same secret (docs/api-rule-sets.md).
  const store = withAuditKey(openedStore, deriveAuditKey(secretKey));
  return {
    store,
    clock,
    ids: uuidIds,
    hasher: createScryptHasher(),
    // Query passwords are 6 digits: a key outside the database and the lookup throttle protect them, not hash cost (docs/api-cases.md).
    queryPasswordHasher: createQueryPasswordHasher({ secretKey }),
    // Event secrets (query password, phone) are sealed beside outbox payloads under the plugin credential key.
    outboxSecretBox: createSecretBox(secretKey),
    tokens: nodeTokens,
    auth: DEFAULT_AUTH_SETTINGS,
    // What-ifs evaluate a draft's rules in a worker thread, stopped after BATON_WHATIF_TIMEOUT_MS (default
    // 120 s); BATON_WHATIF_WORKER=off runs them on the event loop, bounded by the step budget only.
    ...(env.BATON_WHATIF_WORKER === 'off' ? {} : { whatIf: createWhatIfRunner(whatIfRunnerOptions(env)) }),
    ...(env.BATON_BUNDLE_KEY
      ? { bundleKey: { keyId: env.BATON_BUNDLE_KEY_ID ?? 'env', secret: env.BATON_BUNDLE_KEY } }
      : {}),
  };
}

type Operations = ReturnType<typeof createOperations>;

/**
 * Seeds the demo district into an empty store (units, accounts, rule sets, calendars, a year of
 * ledger history; a shifted copy when the clock is in another year) and says from when the demo
 * cases, loaded after listening, start; null when nothing was seeded.
 */
async function seedDemoDistrict(
  ops: Operations,
  env: NodeJS.ProcessEnv,
  clock: Clock,
  logger: Logger,
): Promise<{ demoCasesFrom: string } | null> {
  if (env.BATON_SEED === 'none' || !(await ops.isStoreEmpty())) return null;
  const units = JSON.parse(readFileSync(resolve(root, 'seeds/units.json'), 'utf8')) as SeedUnit[];
  // The seed is one year as written; when the clock is in another year the demo also gets that year.
  const plan = planDemoYears({
    ruleSets: loadSeedFiles('seeds/rulesets'),
    calendars: loadSeedFiles('seeds/calendars'),
    today: todayOf(clock.now()),
  });
  const passwords = await ops.seedDemo({ units, ruleSets: plan.ruleSets, calendars: plan.calendars });
  if (!passwords) return null;
  logger.info('seeded demo district', {
    units: units.length,
    accounts: Object.keys(passwords).length,
    seedYear: plan.seedYear,
    ...(plan.extraYear !== null ? { shiftedCopyFor: plan.extraYear } : {}),
  });
  printPasswords(passwords);
  for (const history of loadSeedFiles('seeds/history') as SeedHistory[]) {
    const histories = [history];
    if (plan.extraYear !== null) histories.push(shiftYear(history, plan.seedYear, plan.extraYear));
    for (const one of histories) {
      const started = performance.now();
      const loaded = await ops.seedPerformanceHistory({ history: one });
      logger.info('seeded ledger history', {
        ruleSetId: one.ruleSetId,
        ...loaded,
        ms: Math.round(performance.now() - started),
      });
    }
  }
  if (env.BATON_DEMO_PASSWORDS_FILE) {
    writeFileSync(env.BATON_DEMO_PASSWORDS_FILE, JSON.stringify(passwords, null, 2), { mode: 0o600 });
    chmodSync(env.BATON_DEMO_PASSWORDS_FILE, 0o600);
  }
  // Cases of the last twelve months, but none before the first case rules are in force.
  const firstDay = districtDayStart(`${Math.min(plan.seedYear, plan.extraYear ?? plan.seedYear)}-01-01`);
  const yearAgo = clock.now().getTime() - 365 * 86_400_000;
  return { demoCasesFrom: new Date(Math.max(Date.parse(firstDay), yearAgo)).toISOString() };
}

/** Listens on PORT/HOST and logs the URL. */
async function listen(app: ReturnType<typeof createHttpApp>, env: NodeJS.ProcessEnv, logger: Logger) {
  const port = Number(env.PORT ?? 3000);
  const hostname = env.HOST ?? '0.0.0.0';
  const server = serve({ fetch: app.fetch, port, hostname });
  await new Promise<void>((resolveListening, reject) => {
    server.once('listening', resolveListening);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shownHost = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
  logger.info('listening', {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}`,
  });
  return server;
}

/** What /api/health says about the demo cases loading after start (the studio shows their progress). */
interface DemoProgress {
  isLoading: boolean;
  done: number;
  total: number;
}

/** Loads the demo cases through the real operations after listening; the API answers meanwhile. */
function loadDemoCases(
  deps: Parameters<typeof seedDemoCases>[0],
  env: NodeJS.ProcessEnv,
  q: { from: string; progress: DemoProgress; shouldStop: () => boolean; logger: Logger },
): Promise<unknown> {
  const now = deps.clock.now().toISOString();
  return seedDemoCases(deps, {
    cases: generateDemoCases({
      now,
      from: q.from,
      // A number instead of `on` loads that many (a smaller demo, e.g. for tests).
      ...(Number.isSafeInteger(Number(env.BATON_DEMO_CASES)) && Number(env.BATON_DEMO_CASES) > 0
        ? { count: Number(env.BATON_DEMO_CASES) }
        : {}),
    }),
    shouldStop: q.shouldStop,
    onProgress: (done, total) => {
      q.progress.done = done;
      q.progress.total = total;
    },
  })
    .then(
      (loaded) => q.logger.info('seeded demo cases', { ...loaded }),
      (error: unknown) => q.logger.error('demo cases failed', { error: String(error) }),
    )
    .finally(() => {
      q.progress.isLoading = false;
    });
}

/** Stops on SIGTERM/SIGINT: no new requests, in-flight ones finish (10 s at most), workers stop, the store closes. */
function stopOnSignals(
  server: Awaited<ReturnType<typeof listen>>,
  q: { logger: Logger; onStopping(): void; finish(): Promise<unknown> },
): void {
  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    q.onStopping();
    q.logger.info('stopping', { signal });
    const force = setTimeout(() => {
      q.logger.error('forced exit: requests still running after 10 s');
      process.exit(1);
    }, 10_000);
    force.unref();
    // close() stops accepting and waits for in-flight requests; idle keep-alive sockets would hold it open.
    server.close(() => {
      void q.finish().then(
        () => {
          q.logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          q.logger.error('store close failed', { error: String(error) });
          process.exit(1);
        },
      );
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** Starts Baton from environment variables; resolves once listening. */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // Every reading of the time goes through this clock; BATON_NOW starts it at a chosen instant.
  const clock = clockFromEnv(env);
  const logger = createJsonLogger(undefined, clock);
  chooseEventChecks(env, logger);
  const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string })
    .version;
  const deps = await dependenciesOf(env, clock, logger);
  const { store } = deps;
  const ops = createOperations(deps);
  const seeded = await seedDemoDistrict(ops, env, clock, logger);
  // A year of demo cases runs through the real operations; BATON_DEMO_CASES=off skips it (tests).
  const isDemoCasesDue = seeded !== null && env.BATON_DEMO_CASES !== 'off';

  const plugins = await createPluginRuntime({
    store,
    clock,
    ids: uuidIds,
    tokens: nodeTokens,
    logger,
    dirs: pluginDirsFromEnv(root, env),
    env,
    intake: createPluginCasePort(deps),
  });
  const progress: DemoProgress = { isLoading: isDemoCasesDue, done: 0, total: 0 };
  const app = createHttpApp({
    demoData: () => (isDemoCasesDue ? { ...progress } : null),
    routes: plugins.routes,
    // Admins' home lists the deliveries that gave up (dead letters) to replay.
    deadLetters: () => plugins.ops.listDeliveries({ status: 'dead', limit: 200 }),
    ops,
    logger,
    version,
    studioDir: resolve(root, 'dist/studio'),
    trustProxy: trustedHopsOf(env.BATON_TRUST_PROXY),
  });
  // The scoring state of the version in force is built before listening, not by the first requests.
  const warmStarted = performance.now();
  const isWarm = await warmScoring(deps).catch((error: unknown) => {
    logger.warn('scoring state not built at start', { error: String(error) });
    return false;
  });
  if (isWarm) logger.info('scoring state built', { ms: Math.round(performance.now() - warmStarted) });
  const server = await listen(app, env, logger);
  // One node delivers at a time (lease); BATON_OUTBOX_WORKER=off keeps a node API-only.
  if (env.BATON_OUTBOX_WORKER !== 'off') plugins.worker.start();
  const deadlines = createDeadlineWorker({
    ops,
    leases: plugins.pluginStore,
    clock,
    logger,
    owner: `${env.BATON_NODE_ID ?? process.pid}:deadlines`,
  });
  if (env.BATON_DEADLINE_WORKER !== 'off') deadlines.start();

  let isStopping = false;
  const demoCases =
    isDemoCasesDue && seeded
      ? loadDemoCases(deps, env, {
          from: seeded.demoCasesFrom,
          progress,
          shouldStop: () => isStopping,
          logger,
        })
      : Promise.resolve();
  stopOnSignals(server, {
    logger,
    onStopping: () => {
      isStopping = true;
    },
    finish: () => Promise.all([plugins.worker.stop(), deadlines.stop(), demoCases]).then(() => store.close()),
  });
}

await start();
