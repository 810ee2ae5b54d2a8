/**
 * @module Makes plugin folders anywhere importable on the main thread: registers plugin-api-hooks.mjs
 * so `import … from 'baton/plugin-api'` resolves and `.ts` files load as ES modules without a
 * package.json — used for a plugin's own `plugin-tests.ts` (`baton plugin test`). A plugin's code
 * itself never runs on the main thread: it runs in its sandbox worker (plugin-sandbox.ts), whose
 * stricter hooks (plugin-sandbox-hooks.mjs) do the same resolving and refuse everything else.
 */
import { register } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../../..');
const registered = new Set<string>();

/**
 * Registers the module hooks for `dirs` (once per folder and process). Resolves false when Node
 * refused the hooks (e.g. in a test runner with its own module loader); plugins then need a relative
 * or linked import of the plugin API.
 */
export function registerPluginFolders(dirs: readonly string[]): boolean {
  const fresh = dirs
    .map((dir) => pathToFileURL(resolve(dir)).href.replace(/\/?$/, '/'))
    .filter((url) => !registered.has(url));
  if (fresh.length === 0) return true;
  try {
    register(new URL('./plugin-api-hooks.mjs', import.meta.url), {
      data: { packageUrl: pathToFileURL(join(root, 'package.json')).href, dirs: fresh },
    });
  } catch {
    return false;
  }
  for (const url of fresh) registered.add(url);
  return true;
}
