/** @module Serving the built studio from disk with an SPA fallback to index.html. */
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
<p>API: <a href="/api/docs">/api/docs</a> · <a href="/openapi.json">/openapi.json</a> · <a href="/api/health">/api/health</a></p></body></html>`;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The response for `urlPath` under `root`: the file if it exists, else index.html (SPA fallback),
 * else the not-built page. Never leaves `root`.
 */
export async function serveStudio(root: string, urlPath: string): Promise<Response> {
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
    return new Response(await readFile(candidate), {
      headers: {
        'content-type': TYPES[extname(candidate).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': isHashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  }
  const index = join(base, 'index.html');
  if (await isFile(index)) {
    return new Response(await readFile(index), {
      headers: { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' },
    });
  }
  return new Response(NOT_BUILT_PAGE, { headers: { 'content-type': TYPES['.html']! } });
}
