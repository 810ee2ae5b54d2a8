/** @module Open311 POST bodies: form-encoded, multipart or JSON, read under a size cap into named parameters and `attribute[code]` / `attribute[code][]` values. */
import type { Open311Value } from '../../../app/open311/model.ts';
import { ValidationError } from '../../../core/errors.ts';
import { parseJsonBody, readBodyText } from '../body.ts';
import { HttpRequestError } from '../errors.ts';

/** Largest Open311 POST body: a 4,000-character description percent-encoded is ~36 KB; attributes fit beside it. */
export const OPEN311_MAX_BODY_BYTES = 128 * 1024;
/** Deepest JSON an Open311 body needs: `{"attribute": {"code": ["a", "b"]}}` is 3. */
export const OPEN311_MAX_JSON_DEPTH = 8;
/** Most parameters (counting repeats) one POST may carry. */
const MAX_PAIRS = 500;
const MAX_KEY_LENGTH = 200;

/** The parameters of a POST: named ones and `attribute[...]` values by code. */
export interface PostedFields {
  fields: Record<string, Open311Value>;
  attributes: Record<string, Open311Value>;
}

const invalid = (en: string, zh: string, path = '/') =>
  new ValidationError('open311.invalid_body', { en, zh }, { path });

const ATTRIBUTE = /^attribute\[([^\]]{1,200})\](\[\])?$/;

type Scalar = string | number | boolean;

/** Collects pairs into fields and attributes; a repeated name or `[]` makes a list. */
function collect(pairs: Iterable<[string, Scalar | Scalar[]]>): PostedFields {
  const fields = new Map<string, Scalar[]>();
  const attributes = new Map<string, Scalar[]>();
  const lists = new Set<string>();
  let count = 0;
  for (const [key, value] of pairs) {
    const values = Array.isArray(value) ? value : [value];
    count += Math.max(values.length, 1);
    if (count > MAX_PAIRS)
      throw invalid(`The body has more than ${MAX_PAIRS} parameters.`, `请求体参数超过 ${MAX_PAIRS} 个。`);
    if (key.length > MAX_KEY_LENGTH) throw invalid('A parameter name is too long.', '参数名过长。');
    const match = ATTRIBUTE.exec(key);
    const target = match ? attributes : fields;
    const name = match ? match[1]! : key;
    if (match?.[2] || Array.isArray(value)) lists.add(`${match ? 'a' : 'f'}:${name}`);
    target.set(name, [...(target.get(name) ?? []), ...values]);
  }
  const out = (map: Map<string, Scalar[]>, tag: string) =>
    Object.fromEntries(
      [...map].map(([name, values]) => [
        name,
        values.length === 1 && !lists.has(`${tag}:${name}`) ? values[0]! : values,
      ]),
    ) as Record<string, Open311Value>;
  return { fields: out(fields, 'f'), attributes: out(attributes, 'a') };
}

const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';

/** The pairs of a JSON object body: scalars, lists of scalars, and an `attribute` object of the same. */
function* jsonPairs(body: Record<string, unknown>): Generator<[string, Scalar | Scalar[]]> {
  const scalarOf = (key: string, v: unknown): Scalar | Scalar[] => {
    if (isScalar(v)) return v;
    if (Array.isArray(v) && v.every(isScalar)) return v;
    throw invalid(
      `${key} must be a string, a number, true/false or a list of them.`,
      `${key} 须为字符串、数字、true/false 或它们的列表。`,
      `/${key}`,
    );
  };
  for (const [key, v] of Object.entries(body)) {
    if (v === null) continue;
    if (key === 'attribute') {
      if (typeof v !== 'object' || Array.isArray(v))
        throw invalid(
          'attribute must be an object of values by code.',
          'attribute 须为按代码给出取值的对象。',
          '/attribute',
        );
      for (const [code, a] of Object.entries(v as Record<string, unknown>)) {
        if (a === null) continue;
        const value = scalarOf(`attribute/${code}`, a);
        yield [Array.isArray(value) ? `attribute[${code}][]` : `attribute[${code}]`, value];
      }
      continue;
    }
    yield [key, scalarOf(key, v)];
  }
}

/** Reads and parses the body of an Open311 POST (at most {@link OPEN311_MAX_BODY_BYTES}); 400/413/415 on bad input. */
export async function readPostedFields(request: Request): Promise<PostedFields> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const text = await readBodyText(request, OPEN311_MAX_BODY_BYTES);
  if (/^application\/([a-z0-9.+-]+\+)?json\b/.test(type)) {
    const body = parseJsonBody(text, OPEN311_MAX_JSON_DEPTH);
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw invalid('The JSON body must be an object of parameters.', 'JSON 请求体须为参数对象。');
    return collect(jsonPairs(body as Record<string, unknown>));
  }
  if (type === '' || type.startsWith('application/x-www-form-urlencoded'))
    return collect(new URLSearchParams(text).entries());
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Request('http://open311.invalid/', {
        method: 'POST',
        headers: { 'content-type': request.headers.get('content-type') ?? '' },
        body: text,
      }).formData();
    } catch {
      throw invalid('The multipart body cannot be read.', '无法解析 multipart 请求体。');
    }
    const pairs: [string, string][] = [];
    // Uploaded files are not kept: Open311 media are referred to by media_url.
    for (const [key, value] of form.entries()) if (typeof value === 'string') pairs.push([key, value]);
    return collect(pairs);
  }
  throw new HttpRequestError(415, 'open311.unsupported_media_type', {
    en: 'Send the body form-encoded (application/x-www-form-urlencoded), as multipart/form-data or as JSON.',
    zh: '请求体须为 application/x-www-form-urlencoded、multipart/form-data 或 JSON。',
  });
}
