/** @module The studio's static files as a browser receives them from the real server: the build's brotli and gzip copies by `accept-encoding`, immutable caching of hashed assets, revalidated index.html. */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsEncoding } from '../../engine/adapters/http/static.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { chunksOf, readManifest } from '../support/vite-manifest.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { BATON_SEED: 'none' } });
});
afterAll(async () => {
  await server?.stop();
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET without fetch's transparent decompression: the bytes on the wire. */
function rawGet(path: string, acceptEncoding?: string): Promise<Raw> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('studio static files', () => {
  it('sends the brotli or gzip copy of a bundle to clients that take it, the same bytes once decoded, cached for good', async () => {
    const index = await rawGet('/', 'br, gzip');
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    const html = index.headers['content-encoding'] === 'br' ? brotliDecompressSync(index.body) : index.body;
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html.toString('utf8'))?.[1];
    expect(script).toMatch(/^\/assets\//);

    const plain = await rawGet(script!);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.vary).toBe('accept-encoding');

    const br = await rawGet(script!, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('text/javascript');
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gz = await rawGet(script!, 'br;q=0, gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps the first route within 150 KB and the citizen portal within 60 KB of gzip JS and CSS: pages are chunks of their own', () => {
    const dist = join(import.meta.dirname, '../../dist/studio');
    const manifest = readManifest(dist);
    const gzipBytes = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
    // What a browser must fetch before a page shows: its chunk and every static import, with their CSS.
    const filesOf = (keys: string[]): Set<string> => {
      const files = new Set<string>();
      for (const key of chunksOf(manifest, keys)) {
        files.add(manifest[key]!.file);
        for (const css of manifest[key]!.css ?? []) files.add(css);
      }
      return files;
    };
    const weightOf = (keys: string[]): number =>
      [...filesOf(keys)].reduce((sum, file) => sum + gzipBytes(file), 0);
    const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
    const pages = Object.keys(manifest).filter((key) => key.endsWith('-page.tsx'));
    // Split for real: the entry does not carry the pages, and there are many page chunks.
    expect(pages.length).toBeGreaterThan(10);
    expect(manifest[entry]!.imports ?? []).not.toContain('pages/cases/cases-page.tsx');
    const first = weightOf([entry]);
    const portal = weightOf([entry, 'pages/cases/portal-page.tsx']);
    expect(first).toBeLessThan(150 * 1024);
    expect(portal).toBeLessThan(60 * 1024);
    // Neither the rule editor nor the form renderers are part of the portal's first download.
    const portalFiles = filesOf([entry, 'pages/cases/portal-page.tsx']);
    expect(portalFiles).not.toContain(manifest['pages/rule-sets/rule-set-editor-page.tsx']!.file);
    expect(portalFiles).not.toContain(manifest['pages/cases/case-form.tsx']?.file ?? 'no case-form chunk');
    expect(manifest['pages/cases/case-form.tsx']).toBeDefined();
  });

  it('reads accept-encoding as RFC 9110 does: q=0 refuses, * covers codings not named', () => {
    expect(acceptsEncoding('gzip, br', 'br')).toBe(true);
    expect(acceptsEncoding('gzip;q=1.0, br;q=0', 'br')).toBe(false);
    expect(acceptsEncoding('*', 'gzip')).toBe(true);
    expect(acceptsEncoding('*;q=0, gzip', 'br')).toBe(false);
    expect(acceptsEncoding('identity', 'gzip')).toBe(false);
    expect(acceptsEncoding(undefined, 'gzip')).toBe(false);
    expect(acceptsEncoding('BR', 'br')).toBe(true);
  });
});
