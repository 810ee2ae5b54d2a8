/** @module Serving the built studio from disk with an SPA fallback to index.html; the build's brotli/gzip copies are sent to clients that accept them. */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Shown when dist/studio has not been built. */
export const NOT_BUILT_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Baton</title></head>
<body style="font-family:system-ui,sans-serif;padding:2rem"><h1>Baton</h1>
<p>工作台尚未构建。The studio is not built: run <code>npm start</code> (it builds the studio) or <code>npm run build</code>.</p>
<p>API: <a href="/api/docs">/api/docs</a> · <a href="/openapi.json">/openapi.json</a> · <a href="/asyncapi.json">/asyncapi.json</a> · <a href="/api/health">/api/health</a></p></body></html>`;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The encodings of the build's pre-compressed copies, best first, with their file suffix. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** Whether `accept-encoding` allows `coding` (a q of 0 refuses it; `*` stands for any coding not named). */
export function acceptsEncoding(header: string | undefined, coding: string): boolean {
  if (!header) return false;
  let wildcard: boolean | null = null;
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (rawName === coding) return allowed;
    if (rawName === '*') wildcard = allowed;
  }
  return wildcard === true;
}

/** A studio file: its pre-compressed copy when the client takes one, else the file itself. */
async function fileResponse(path: string, cacheControl: string, acceptEncoding?: string): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    vary: 'accept-encoding',
  };
  for (const { name, suffix } of ENCODINGS) {
    if (!acceptsEncoding(acceptEncoding, name) || !(await isFile(path + suffix))) continue;
    return new Response(await readFile(path + suffix), { headers: { ...headers, 'content-encoding': name } });
  }
  return new Response(await readFile(path), { headers });
}

/**
 * The response for `urlPath` under `root`: the file if it exists, else index.html (SPA fallback),
 * else the not-built page. Never leaves `root`. Hashed assets are cached for good (`immutable`),
 * everything else is revalidated; `acceptEncoding` (the request's header) picks a brotli or gzip copy.
 */
export async function serveStudio(root: string, urlPath: string, acceptEncoding?: string): Promise<Response> {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    decoded = '/';
  }
  const candidate = resolve(join(base, normalize(decoded)));
  const isInside = candidate === base || candidate.startsWith(base + sep);
  if (isInside && candidate !== base && (await isFile(candidate))) {
    const isHashed = candidate.includes(`${sep}assets${sep}`);
    return fileResponse(
      candidate,
      isHashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      acceptEncoding,
    );
  }
  const index = join(base, 'index.html');
  if (await isFile(index)) return fileResponse(index, 'no-cache', acceptEncoding);
  return new Response(NOT_BUILT_PAGE, { headers: { 'content-type': TYPES['.html']! } });
}
