/** @module The keys bundles are signed and verified with, and the refusal of secrets written inline into a bundled rule set. */
import { ValidationError } from '../../core/errors.ts';
import { type BundleKey, findInlineSecrets } from '../../core/ruleset/bundle.ts';
import { appendAudit } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import { text } from './shared.ts';

/** Settings key of the generated signing key. */
export const BUNDLE_KEY_SETTING = 'bundle.key';

/** The key bundles are signed with: the configured one, else the installation's generated key (made once). */
export async function signingKey(deps: AppDeps): Promise<BundleKey> {
  if (deps.bundleKey) return deps.bundleKey;
  const stored = await deps.store.settings.get(BUNDLE_KEY_SETTING);
  if (stored !== null) return JSON.parse(stored) as BundleKey;
  const at = deps.clock.now().toISOString();
  const fresh = { keyId: `local-${deps.tokens.randomHex(4)}`, secret: deps.tokens.randomHex(32) };
  const value = await deps.store.transaction(async (tx) => {
    const kept = await tx.settings.putIfAbsent(BUNDLE_KEY_SETTING, JSON.stringify(fresh), at);
    const key = JSON.parse(kept) as BundleKey;
    if (key.keyId === fresh.keyId) {
      await appendAudit(tx, {
        at,
        entry: {
          actor: 'system',
          action: 'settings.bundleKey.create',
          target: 'settings:bundle.key',
          details: { keyId: key.keyId },
        },
      });
    }
    return key;
  });
  return value;
}

/** Keys a bundle may be verified with. */
export async function keyRing(deps: AppDeps): Promise<BundleKey[]> {
  const ring: BundleKey[] = [];
  if (deps.bundleKey) ring.push(deps.bundleKey);
  const stored = await deps.store.settings.get(BUNDLE_KEY_SETTING);
  if (stored !== null) ring.push(JSON.parse(stored) as BundleKey);
  if (ring.length === 0) ring.push(await signingKey(deps));
  return ring;
}

/** 400 `bundle.inline_secret` when a plugin binding of `ruleSet` holds a secret written inline. */
export function refuseInlineSecrets(ruleSet: unknown): void {
  const issues = findInlineSecrets(ruleSet);
  if (issues.length > 0) {
    throw new ValidationError(
      'bundle.inline_secret',
      text(
        'Plugin bindings hold secrets written inline; store them in the secret store and refer to them as {"$secret": "NAME"}.',
        '插件绑定中含有明文密钥；请存入密钥库并以 {"$secret": "名称"} 引用。',
      ),
      { path: issues[0]!.path, details: { issues } },
    );
  }
}
