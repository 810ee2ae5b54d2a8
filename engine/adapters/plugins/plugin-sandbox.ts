/**
 * @module Host side of a plugin's sandbox: one worker thread per plugin and code generation
 * (plugin-sandbox-worker.mjs), started once and reused for every hook call — never a thread or a
 * process per event. The worker's module hooks refuse Node modules outside a small allow-list and
 * imports outside the plugin's folder, its network globals are gone, and its only way out is the
 * `http` proxy, whose requests the host performs through `PluginHttp` after checking the target host.
 * A rule broken (a refused import, a forbidden global, an undeclared host) is a violation: the
 * worker is terminated and the host reports it (`onViolation`).
 */
import { realpathSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { PluginHttp, PluginHttpInit } from '../../core/plugin-api.ts';

const root = realpathSync(resolve(import.meta.dirname, '../../..'));
const dirUrl = (dir: string) => pathToFileURL(dir + sep).href;

/** Codes of broken sandbox rules. */
export type SandboxViolationCode =
  | 'plugin.forbidden_module'
  | 'plugin.import_outside_folder'
  | 'plugin.forbidden_global'
  | 'plugin.host_not_allowed'
  | 'plugin.network_not_declared';

/** One broken rule: what the plugin tried. */
export interface SandboxViolation {
  code: SandboxViolationCode;
  /** The module, global or host the plugin asked for. */
  specifier: string;
}

/** Bilingual text of a violation (en, zh). */
export function violationMessage(plugin: string, violation: SandboxViolation): { en: string; zh: string } {
  const what = violation.specifier.length > 80 ? `${violation.specifier.slice(0, 77)}…` : violation.specifier;
  const [en, zh] = ((): [string, string] => {
    switch (violation.code) {
      case 'plugin.forbidden_module':
        return [
          `imported the Node module "${what}", which plugins may not use`,
          `引用了插件不允许使用的模块“${what}”`,
        ];
      case 'plugin.import_outside_folder':
        return [
          `imported "${what}" from outside its folder (only its own files and baton/plugin-api are allowed)`,
          `引用了插件目录以外的“${what}”（只允许本目录文件和 baton/plugin-api）`,
        ];
      case 'plugin.forbidden_global':
        return [
          `used ${what}; plugins reach the network only through the http the host hands them`,
          `使用了 ${what}；插件只能通过宿主提供的 http 访问网络`,
        ];
      case 'plugin.host_not_allowed':
        return [
          `sent a request to ${what}, a host its config does not name`,
          `向配置中未列出的主机 ${what} 发送请求`,
        ];
      case 'plugin.network_not_declared':
        return [
          `sent a request to ${what} without a capability that needs the network (outboundAction, notifier, indicatorDataSource)`,
          `未声明需要网络的能力（outboundAction、notifier、indicatorDataSource）却向 ${what} 发送请求`,
        ];
    }
  })();
  return {
    en: `Plugin "${plugin}" was stopped by the sandbox: it ${en}`,
    zh: `插件“${plugin}”已被沙箱停止：${zh}`,
  };
}

/** `[code] en / zh`: the form of a violation in load errors, delivery errors and logs. */
export function violationText(plugin: string, violation: SandboxViolation): string {
  const message = violationMessage(plugin, violation);
  return `[${violation.code}] ${message.en} / ${message.zh}`;
}

const VIOLATION_CODES: readonly string[] = [
  'plugin.forbidden_module',
  'plugin.import_outside_folder',
  'plugin.forbidden_global',
  'plugin.host_not_allowed',
  'plugin.network_not_declared',
];

/** The violation a worker's error message names (`[plugin.forbidden_module] … "node:fs" …`), if any. */
function violationIn(message: string): SandboxViolation | null {
  const match = /\[(plugin\.[a-z_]+)\][^"“]*["“]([^"”]+)["”]/.exec(message);
  if (!match || !VIOLATION_CODES.includes(match[1]!)) return null;
  return { code: match[1] as SandboxViolationCode, specifier: match[2]! };
}

/** A failure as it crosses the thread boundary. */
export interface SandboxFailure {
  message: string;
  statusCode: number | null;
  isPermanent: boolean;
  /** Set when the call failed because the plugin broke a sandbox rule. */
  violation?: SandboxViolation;
}

/** Thrown by `call` when the hook failed. */
export class SandboxCallError extends Error {
  constructor(readonly failure: SandboxFailure) {
    super(failure.message);
  }
}

/** Options of `startSandbox`. */
export interface SandboxOptions {
  /** The plugin's index file. */
  file: string;
  /** The plugin's folder. */
  dir: string;
  /** Module URL query, so an upgraded plugin is imported afresh. */
  generation: number;
  /** Called once when the plugin breaks a rule; the worker is already terminated. */
  onViolation: (violation: SandboxViolation) => void;
  /** Limit of the worker's heap (MB). */
  maxHeapMb?: number;
  /** Longest the import of the plugin may take (default 30 s; e.g. a top-level endless loop). */
  loadTimeoutMs?: number;
}

/** A loaded plugin in its worker. */
export interface Sandbox {
  readonly hooks: string[];
  readonly name: string;
  /** Runs one hook; `http` serves the plugin's requests (omit for hooks without `http`). */
  call(
    hook: string,
    input: Record<string, unknown>,
    helpers: SandboxHelpers,
    timeoutMs: number,
  ): Promise<unknown>;
  /** Stops the worker once the calls in flight are done (an upgrade: in-flight deliveries finish on the old code). */
  retire(): void;
  /** Stops the worker now. */
  terminate(): Promise<void>;
  /** Whether the worker has stopped (violation, timeout, crash, retired): the host starts a new one. */
  readonly isStopped: boolean;
}

/** What the host lends one hook call. */
export interface SandboxHelpers {
  http?: PluginHttp;
  log?: (level: 'info' | 'warn', msg: string, fields: Record<string, unknown> | undefined) => void;
}

type LoadResult = { ok: true; name: string; hooks: string[] } | { ok: false; message: string };

/**
 * Starts a worker for the plugin in `dir` and imports its code there. Resolves with the sandbox, or
 * rejects with a `SandboxCallError` (its `violation` set when the import broke a rule).
 * Long: one closure owns the worker's life: loading, the calls in flight, violations and stopping share its state, and the message handler is one switch over the worker's message types.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const violations = new MessageChannel();
  const worker = new Worker(new URL('./plugin-sandbox-worker.mjs', import.meta.url), {
    workerData: {
      // Real paths: the loader resolves symlinks, and a symlink out of the folder is outside it.
      file: `${pathToFileURL(realpathSync(options.file)).href}?v=${options.generation}`,
      pluginDir: dirUrl(realpathSync(resolve(options.dir))),
      packageUrl: pathToFileURL(join(root, 'package.json')).href,
      pluginApiUrl: pathToFileURL(join(root, 'engine/core/plugin-api.ts')).href,
      hooksUrl: new URL('./plugin-sandbox-hooks.mjs', import.meta.url).href,
      trusted: [dirUrl(join(root, 'engine')), dirUrl(join(root, 'node_modules'))],
      violations: violations.port2,
    },
    transferList: [violations.port2],
    execArgv: [],
    env: {},
    // `console` is the worker's own (forwarded as `log` of the call in flight); nothing else writes.
    stdout: false,
    stderr: false,
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 256 },
  });
  let stopped = false;
  let violated: SandboxViolation | null = null;
  let retiring = false;
  let loaded: ((result: LoadResult) => void) | null = null;
  const loading = new Promise<LoadResult>((done) => {
    loaded = done;
  });
  type Waiting = {
    resolve: (value: unknown) => void;
    reject: (error: SandboxCallError) => void;
    helpers: SandboxHelpers;
    timer: ReturnType<typeof setTimeout>;
  };
  const calls = new Map<number, Waiting>();
  let callCounter = 0;

  const refresh = () => {
    // Keep the process alive only while a call waits on the worker (the CLI must be able to exit).
    if (calls.size > 0 || loaded) worker.ref();
    else worker.unref();
  };
  const failAll = (failure: SandboxFailure) => {
    for (const [id, waiting] of calls) {
      clearTimeout(waiting.timer);
      waiting.reject(new SandboxCallError(failure));
      calls.delete(id);
    }
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    violations.port1.close();
    await worker.terminate();
  };
  const violation = (found: SandboxViolation) => {
    if (violated) return;
    violated = found;
    const failure: SandboxFailure = {
      message: violationText(sandboxName(), found),
      statusCode: null,
      isPermanent: true,
      violation: found,
    };
    failAll(failure);
    loaded?.({ ok: false, message: failure.message });
    loaded = null;
    void stop();
    options.onViolation(found);
  };
  let pluginName = '';
  const sandboxName = () => pluginName || resolve(options.dir).split(sep).pop() || '?';

  violations.port1.on('message', (message: { type: string; violation: SandboxViolation }) => {
    if (message.type === 'violation') violation(message.violation);
  });
  violations.port1.unref();

  worker.on('message', (message: Record<string, unknown>) => {
    switch (message.type) {
      case 'violation':
        violation(message.violation as SandboxViolation);
        return;
      case 'loaded':
        pluginName = String(message.name);
        loaded?.({ ok: true, name: pluginName, hooks: message.hooks as string[] });
        loaded = null;
        refresh();
        return;
      case 'load-failed': {
        const text = String(message.message);
        const found = violationIn(text);
        if (found) violation(found);
        else {
          loaded?.({ ok: false, message: text });
          loaded = null;
        }
        return;
      }
      case 'log': {
        const waiting = calls.get(message.callId as number);
        waiting?.helpers.log?.(
          message.level === 'warn' ? 'warn' : 'info',
          String(message.msg),
          message.fields as Record<string, unknown> | undefined,
        );
        return;
      }
      case 'http': {
        void serveHttp(message);
        return;
      }
      case 'result':
      case 'failure': {
        const id = message.callId as number;
        const waiting = calls.get(id);
        if (!waiting) return;
        calls.delete(id);
        clearTimeout(waiting.timer);
        if (message.type === 'result') waiting.resolve(message.value);
        else {
          const failure = message.failure as SandboxFailure;
          // A refused dynamic import inside a hook: the hooks thread reported it too.
          const found = violationIn(failure.message);
          if (found) violation(found);
          waiting.reject(
            new SandboxCallError(found ? { ...failure, isPermanent: true, violation: found } : failure),
          );
        }
        refresh();
        if (retiring && calls.size === 0) void stop();
        return;
      }
    }
  });
  worker.on('error', (error) => {
    const failure = {
      message: `the plugin's worker failed: ${error.message}`,
      statusCode: null,
      isPermanent: false,
    };
    loaded?.({ ok: false, message: failure.message });
    loaded = null;
    failAll(failure);
  });
  worker.on('exit', () => {
    stopped = true;
    loaded?.({ ok: false, message: 'the plugin worker stopped while loading' });
    loaded = null;
    failAll({ message: 'the plugin worker stopped', statusCode: null, isPermanent: false });
  });

  const serveHttp = async (message: Record<string, unknown>) => {
    const waiting = calls.get(message.callId as number);
    const reply = (value: Record<string, unknown>) => {
      if (!stopped) worker.postMessage({ requestId: message.requestId, ...value });
    };
    if (!waiting?.helpers.http) {
      reply({
        type: 'http-error',
        failure: { message: 'no http in this hook', statusCode: null, isPermanent: true },
      });
      return;
    }
    const args = message.args as unknown[];
    try {
      const value =
        message.method === 'postJson'
          ? await waiting.helpers.http.postJson(
              String(args[0]),
              args[1],
              (args[2] ?? {}) as Omit<PluginHttpInit, 'body' | 'method'>,
            )
          : await waiting.helpers.http.request(String(args[0]), (args[1] ?? {}) as PluginHttpInit);
      reply({ type: 'http-result', value });
    } catch (error) {
      const found = (error as { violation?: SandboxViolation }).violation;
      if (found) {
        violation(found);
        return;
      }
      const failure = error as { message?: string; statusCode?: number | null; isPermanent?: boolean };
      reply({
        type: 'http-error',
        failure: {
          message: failure.message ?? String(error),
          statusCode: failure.statusCode ?? null,
          isPermanent: failure.isPermanent ?? false,
        },
      });
    }
  };

  const loadTimer = setTimeout(() => {
    loaded?.({ ok: false, message: `the plugin did not load within ${options.loadTimeoutMs ?? 30_000} ms` });
    loaded = null;
  }, options.loadTimeoutMs ?? 30_000);
  const result = await loading;
  clearTimeout(loadTimer);
  if (!result.ok) {
    await stop();
    throw new SandboxCallError({
      message: result.message,
      statusCode: null,
      isPermanent: true,
      ...(violated ? { violation: violated } : {}),
    });
  }
  refresh();

  return {
    hooks: result.hooks,
    name: result.name,
    call(hook, input, helpers, timeoutMs) {
      if (stopped)
        return Promise.reject(
          new SandboxCallError({
            message: 'the plugin worker stopped',
            statusCode: null,
            isPermanent: false,
          }),
        );
      callCounter += 1;
      const callId = callCounter;
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => {
          // A hook that never settles (or spins) is stopped with its worker; the next call starts a new one.
          failAll({
            message: `the plugin did not answer within ${timeoutMs} ms`,
            statusCode: null,
            isPermanent: false,
          });
          void stop();
        }, timeoutMs);
        calls.set(callId, { resolve: resolvePromise, reject, helpers, timer });
        refresh();
        worker.postMessage({ type: 'call', callId, hook, input });
      });
    },
    retire() {
      retiring = true;
      if (calls.size === 0) void stop();
    },
    terminate: stop,
    get isStopped() {
      return stopped;
    },
  };
}
