/**
 * @module Node module hooks for plugin folders (registered by plugin-loader.ts with `module.register`;
 * plain JavaScript because they run on Node's hooks thread): `baton/plugin-api` (and any other
 * `baton/…` export) resolves through Baton's own package.json `exports` wherever the plugin lives,
 * and a plugin's `.ts` files are ES modules even without a package.json of their own.
 */

/** @type {string} file URL of Baton's package.json */
let packageUrl = '';
/** @type {string[]} file URLs (ending in /) of the plugin folders */
let dirs = [];

/** @param {{ packageUrl: string, dirs: string[] }} data */
export function initialize(data) {
  packageUrl = data.packageUrl;
  dirs = data.dirs;
}

const inPluginDir = (/** @type {string} */ url) => {
  const path = url.split('?')[0] ?? url;
  return dirs.some((dir) => path.startsWith(dir)) && !path.includes('/node_modules/');
};

/** Resolves `baton` and `baton/…` as Baton itself would (package self-reference through `exports`). */
export async function resolve(specifier, context, next) {
  if (
    (specifier === 'baton' || specifier.startsWith('baton/')) &&
    context.parentURL &&
    inPluginDir(context.parentURL)
  )
    return next(specifier, { ...context, parentURL: packageUrl });
  return next(specifier, context);
}

/** A plugin's TypeScript is an ES module (Node would take a `.ts` file outside any `"type": "module"` package for CommonJS). */
export async function load(url, context, next) {
  const path = url.split('?')[0] ?? url;
  if (path.endsWith('.ts') && inPluginDir(url)) return next(url, { ...context, format: 'module' });
  return next(url, context);
}
