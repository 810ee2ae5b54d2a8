/** @module HTTP API types (response, body and query shapes) generated from /openapi.json by scripts/gen-api-types.ts: do not edit, run `npm run gen:api-types`. */
export type * from '../../schemas/api-types.gen.ts';
