/** @module schemas/api-types.gen.ts (and studio/api/types.gen.ts, its re-export) are generated from /openapi.json: this fails when a route's schema changed without regenerating. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateApiTypeFiles } from '../../../scripts/gen-api-types.ts';

const root = resolve(import.meta.dirname, '../../..');

describe('the generated API types', () => {
  it.each(Object.entries(generateApiTypeFiles(root)))(
    '%s is up to date with /openapi.json: run `npm run gen:api-types` after changing a route schema',
    (path, fresh) => {
      const committed = readFileSync(resolve(root, path), 'utf8');
      expect(
        committed === fresh,
        `${path} is stale: run \`npm run gen:api-types\` and commit the result`,
      ).toBe(true);
    },
  );
});
