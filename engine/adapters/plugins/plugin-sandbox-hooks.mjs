/**
 * @module Module hooks of a plugin's sandbox worker (registered by plugin-sandbox-worker.mjs inside the
 * worker only; plain JavaScript because they run on Node's hooks thread). Code of the plugin — and any
 * module that is not Baton's own (a `data:` URL, code outside engine/ and node_modules/) — may import
 * only files of its own folder, `baton/plugin-api` (or engine/core/plugin-api.ts by path, as the
 * built-in plugins do) and a small allow-list of pure Node modules. Anything else is refused and
 * reported to the host on `port`, which stops the plugin.
 */
import { builtinModules } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Node modules a plugin may import: pure helpers, no file system, network, processes or threads.
 * Not `crypto` (`setEngine` loads native code; the host signs requests, and Web Crypto is global).
 */
export const ALLOWED_BUILTINS = [
  'assert',
  'buffer',
  'events',
  'path',
  'punycode',
  'querystring',
  'string_decoder',
  'url',
  'util',
];

/** @type {{ packageUrl: string, pluginApiUrl: string, pluginDir: string, trusted: string[], port: import('node:worker_threads').MessagePort | null }} */
const state = { packageUrl: '', pluginApiUrl: '', pluginDir: '', trusted: [], port: null };

/** @param {{ packageUrl: string, pluginApiUrl: string, pluginDir: string, trusted: string[], port: import('node:worker_threads').MessagePort }} data */
export function initialize(data) {
  Object.assign(state, data);
}

const pathOf = (/** @type {string} */ url) => url.split(/[?#]/)[0] ?? url;
const inPluginDir = (/** @type {string} */ url) => {
  const path = pathOf(url);
  return path.startsWith(state.pluginDir) && !path.slice(state.pluginDir.length).includes('node_modules/');
};
/** Baton's own code (engine/, node_modules/) imports what it needs; everything else is the plugin's. */
const isTrusted = (/** @type {string | undefined} */ parentURL) =>
  parentURL !== undefined &&
  !inPluginDir(parentURL) &&
  state.trusted.some((prefix) => pathOf(parentURL).startsWith(prefix));

const builtinName = (/** @type {string} */ specifier) => {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  const base = bare.split('/')[0] ?? bare;
  return builtinModules.includes(bare) || specifier.startsWith('node:') ? { bare, base } : null;
};

/**
 * Reports the refusal to the host (which stops the plugin even if its code catches the error) and
 * throws it into the importing code.
 * @param {string} code
 * @param {string} specifier
 * @param {string | undefined} parentURL
 */
function refuse(code, specifier, parentURL) {
  const violation = { code, specifier, from: parentURL ?? null };
  state.port?.postMessage({ type: 'violation', violation });
  const error = new Error(
    code === 'plugin.forbidden_module'
      ? `[${code}] the plugin may not import "${specifier}" / 插件不允许引用“${specifier}”`
      : `[${code}] the plugin may not import "${specifier}" from outside its folder / 插件不允许引用其目录以外的“${specifier}”`,
  );
  Object.assign(error, { code });
  throw error;
}

const CODE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

const TSX_PARAMS = ['tsx-commonjs-export-preparse', 'tsx-commonjs-virtual-query'];

/**
 * The plugin's code is an ES module from the start (no package.json needed, never CommonJS): without
 * this, tsx takes a `.ts` file outside a `"type": "module"` package for CommonJS and routes its
 * exports through a `require` wrapper.
 * @param {{ url: string, format?: string | null }} resolved
 */
function asModule(resolved) {
  const parsed = new URL(resolved.url);
  const [path = parsed.pathname, inner = ''] = decodeURIComponent(parsed.pathname).split('?');
  if (!CODE_EXTENSIONS.some((ext) => path.endsWith(ext))) return resolved;
  const search = new URLSearchParams(`${inner}&${parsed.search.slice(1)}`);
  for (const name of TSX_PARAMS) search.delete(name);
  const query = search.toString();
  return { ...resolved, url: `${pathToFileURL(path).href}${query ? `?${query}` : ''}`, format: 'module' };
}

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, next) {
  if (isTrusted(context.parentURL)) {
    const resolved = await next(specifier, context);
    return resolved.url.startsWith('file:') && inPluginDir(resolved.url) ? asModule(resolved) : resolved;
  }
  if (specifier === 'baton' || specifier.startsWith('baton/'))
    return next(specifier, { ...context, parentURL: state.packageUrl });
  const builtin = builtinName(specifier);
  if (builtin) {
    if (!ALLOWED_BUILTINS.includes(builtin.bare))
      refuse('plugin.forbidden_module', specifier, context.parentURL);
    return next(specifier, context);
  }
  let resolved;
  try {
    resolved = await next(specifier, context);
  } catch (error) {
    // A relative import that does not exist stays a plain load error; a package is outside the folder.
    if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')) throw error;
    refuse('plugin.import_outside_folder', specifier, context.parentURL);
  }
  const url = resolved.url;
  if (url.startsWith('node:')) {
    if (!ALLOWED_BUILTINS.includes(url.slice(5)))
      refuse('plugin.forbidden_module', specifier, context.parentURL);
    return resolved;
  }
  if (pathOf(url) === state.pluginApiUrl) return resolved;
  if (url.startsWith('file:') && inPluginDir(url)) return asModule(resolved);
  return refuse('plugin.import_outside_folder', specifier, context.parentURL);
}

/** @type {import('node:module').LoadHook} */
export async function load(url, context, next) {
  if (url.startsWith('file:') && inPluginDir(url)) {
    const path = pathOf(url);
    // Always an ES module: CommonJS would hand the plugin `require`, which no hook guards.
    if (CODE_EXTENSIONS.some((ext) => path.endsWith(ext))) return next(url, { ...context, format: 'module' });
    if (path.endsWith('.json')) return next(url, context);
    refuse('plugin.forbidden_module', path.slice(state.pluginDir.length), undefined);
  }
  return next(url, context);
}
