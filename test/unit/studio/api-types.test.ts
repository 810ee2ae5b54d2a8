/** @module studio/api/types.gen.ts is generated from /openapi.json: this fails when a route's schema changed without regenerating. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_TYPES_PATH, generateApiTypesFormatted } from '../../../scripts/gen-api-types.ts';

const root = resolve(import.meta.dirname, '../../..');

describe('studio/api/types.gen.ts', () => {
  it('is up to date with /openapi.json: run `npm run gen:api-types` after changing a route schema', () => {
    const committed = readFileSync(resolve(root, API_TYPES_PATH), 'utf8');
    const fresh = generateApiTypesFormatted(root);
    expect(
      committed === fresh,
      `${API_TYPES_PATH} is stale: run \`npm run gen:api-types\` and commit the result`,
    ).toBe(true);
  });
});
