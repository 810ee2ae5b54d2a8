/**
 * @module Entry of a plugin's sandbox worker thread (started by plugin-sandbox.ts, one per plugin and
 * code generation). It registers tsx and the sandbox module hooks (plugin-sandbox-hooks.mjs) for this
 * thread, takes away every global that reaches the file system, processes or the network (`fetch`,
 * `XMLHttpRequest`, `WebSocket`, `EventSource`, `BroadcastChannel`; `process` becomes a small object
 * without `binding`, `dlopen`, `kill`, `getBuiltinModule`, `env`; `console` goes to the host's
 * redacting log of the call in flight), imports the plugin and then runs
 * its hooks on request. The plugin's `http` and `log` are proxies: each request is sent to the host,
 * which checks the target host and performs it (timeouts, Idempotency-Key, signing).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { register } from 'node:module';
import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { register as registerTsx } from 'tsx/esm/api';

/**
 * @typedef {{ file: string, pluginDir: string, packageUrl: string, pluginApiUrl: string, hooksUrl: string,
 *   trusted: string[], violations: import('node:worker_threads').MessagePort }} SandboxData
 */
/** @type {SandboxData} */
const data = workerData;
const port = parentPort;
if (!port) throw new Error('plugin-sandbox-worker.mjs runs only as a worker thread');

registerTsx();
register(data.hooksUrl, {
  data: {
    packageUrl: data.packageUrl,
    pluginApiUrl: data.pluginApiUrl,
    pluginDir: data.pluginDir,
    trusted: data.trusted,
    port: data.violations,
  },
  transferList: [data.violations],
});

// The plugin API of this thread: the plugin's `DeliveryFailure` is this class, so `instanceof` works.
const api = await import(data.pluginApiUrl);

const post = (message) => port.postMessage(message);

/** A forbidden global: reports to the host (which stops the plugin) and throws. */
const forbidden = (name) =>
  function refused() {
    post({ type: 'violation', violation: { code: 'plugin.forbidden_global', specifier: name, from: null } });
    throw new Error(
      `[plugin.forbidden_global] "${name}" is not available to plugins: use the http the host hands you / 插件不能使用“${name}”，请使用宿主提供的 http`,
    );
  };
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'BroadcastChannel']) {
  Object.defineProperty(globalThis, name, {
    value: forbidden(name),
    writable: false,
    configurable: false,
    enumerable: false,
  });
}
const realProcess = process;
const safeProcess = Object.freeze({
  env: Object.freeze({}),
  argv: Object.freeze([]),
  platform: realProcess.platform,
  arch: realProcess.arch,
  version: realProcess.version,
  versions: Object.freeze({ ...realProcess.versions }),
  release: Object.freeze({ ...realProcess.release }),
  nextTick: realProcess.nextTick.bind(realProcess),
  hrtime: Object.assign(realProcess.hrtime.bind(realProcess), { bigint: realProcess.hrtime.bigint }),
  uptime: realProcess.uptime.bind(realProcess),
  memoryUsage: realProcess.memoryUsage.bind(realProcess),
  emitWarning: realProcess.emitWarning.bind(realProcess),
  cwd: () => '/',
});
Object.defineProperty(globalThis, 'process', {
  value: safeProcess,
  writable: false,
  configurable: false,
  enumerable: false,
});

// `console` goes to the host as the `log` of the hook call it ran in (redacted there); outside a call, nowhere.
const currentCall = new AsyncLocalStorage();
const toHost =
  (level) =>
  (...args) => {
    const callId = currentCall.getStore();
    if (callId !== undefined)
      post({
        type: 'log',
        callId,
        level,
        msg: `console: ${format(...args).slice(0, 4096)}`,
        fields: undefined,
      });
  };
const quiet = () => {};
Object.defineProperty(globalThis, 'console', {
  value: Object.freeze({
    log: toHost('info'),
    info: toHost('info'),
    debug: toHost('info'),
    warn: toHost('warn'),
    error: toHost('warn'),
    trace: toHost('warn'),
    dir: toHost('info'),
    table: toHost('info'),
    assert: quiet,
    count: quiet,
    countReset: quiet,
    group: quiet,
    groupEnd: quiet,
    time: quiet,
    timeEnd: quiet,
    timeLog: quiet,
  }),
  writable: false,
  configurable: false,
  enumerable: false,
});

let sequence = 0;
/** @type {Map<number, { resolve: (value: unknown) => void, reject: (error: unknown) => void }>} */
const httpWaiting = new Map();

const failureOf = (error) => {
  const isFailure = error instanceof api.DeliveryFailure;
  return {
    message: error instanceof Error ? error.message : String(error),
    statusCode: isFailure ? error.statusCode : null,
    isPermanent: isFailure ? error.isPermanent : false,
  };
};

const httpFor = (callId) => {
  const send = (method, args) =>
    new Promise((resolve, reject) => {
      sequence += 1;
      httpWaiting.set(sequence, { resolve, reject });
      post({ type: 'http', callId, requestId: sequence, method, args });
    });
  return Object.freeze({
    request: (url, init) => send('request', [String(url), init ?? {}]),
    postJson: (url, body, init) => send('postJson', [String(url), body, init ?? {}]),
  });
};

const logFor = (callId) =>
  Object.freeze({
    info: (msg, fields) => post({ type: 'log', callId, level: 'info', msg: String(msg), fields }),
    warn: (msg, fields) => post({ type: 'log', callId, level: 'warn', msg: String(msg), fields }),
  });

let definition;
try {
  const module = await import(data.file);
  definition = module.default;
  if (!definition || typeof definition !== 'object' || !definition.hooks)
    throw new Error('index must export default definePlugin({name, hooks})');
  post({
    type: 'loaded',
    name: String(definition.name),
    hooks: ['onEvent', 'testConnection', 'onWebhook', 'fetchIndicatorData'].filter(
      (hook) => typeof definition.hooks[hook] === 'function',
    ),
  });
} catch (error) {
  post({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) });
}

port.on('message', async (message) => {
  if (message.type === 'http-result' || message.type === 'http-error') {
    const waiting = httpWaiting.get(message.requestId);
    if (!waiting) return;
    httpWaiting.delete(message.requestId);
    if (message.type === 'http-result') waiting.resolve(message.value);
    else
      waiting.reject(
        new api.DeliveryFailure(message.failure.message, {
          statusCode: message.failure.statusCode,
          isPermanent: message.failure.isPermanent,
        }),
      );
    return;
  }
  if (message.type !== 'call' || !definition) return;
  const { callId, hook, input } = message;
  try {
    const fn = definition.hooks[hook];
    if (typeof fn !== 'function') throw new Error(`the plugin has no ${hook} hook`);
    const withHelpers =
      hook === 'onWebhook' ? input : { ...input, http: httpFor(callId), log: logFor(callId) };
    const value = await currentCall.run(callId, () => fn.call(definition.hooks, withHelpers));
    post({ type: 'result', callId, value: value === undefined ? null : structuredClone(value) });
  } catch (error) {
    post({ type: 'failure', callId, failure: failureOf(error) });
  }
});
