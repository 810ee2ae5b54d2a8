/** @module A self-contained HTML page rendering an OpenAPI document on the server: no scripts, no CDN. */

const escapeHtml = (value: unknown): string =>
  String(value).replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

const code = (value: unknown): string =>
  `<pre><code>${escapeHtml(JSON.stringify(value, null, 2))}</code></pre>`;

type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  'x-permission'?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
};

function renderOperation(method: string, path: string, op: Operation): string {
  const parameters = (op.parameters ?? [])
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${escapeHtml(JSON.stringify(p.schema ?? {}))}</code></td></tr>`,
    )
    .join('');
  const body = op.requestBody?.content?.['application/json']?.schema;
  const responses = Object.entries(op.responses ?? {})
    .map(([status, response]) => {
      const schema = Object.values(response.content ?? {})[0]?.schema;
      return `<details><summary><b>${escapeHtml(status)}</b> ${escapeHtml(response.description ?? '')}</summary>${schema ? code(schema) : ''}</details>`;
    })
    .join('');
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
  return `<section class="op" id="${escapeHtml(id)}">
<h3><span class="method ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}</p>
${op.description ? `<p class="desc">${escapeHtml(op.description)}</p>` : ''}
<p>Permission: <code class="perm">${escapeHtml(op['x-permission'] ?? '?')}</code></p>
${parameters ? `<table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${parameters}</table>` : ''}
${body ? `<h4>Request body</h4>${code(body)}` : ''}
<h4>Responses</h4>${responses}
</section>`;
}

/** The docs page of `doc` (an OpenAPI 3.1 object). */
export function renderDocsPage(doc: Record<string, any>): string {
  const byTag = new Map<string, string[]>();
  const toc: string[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, Operation>>)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = op.tags?.[0] ?? 'other';
      const list = byTag.get(tag) ?? [];
      list.push(renderOperation(method, path, op));
      byTag.set(tag, list);
      const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
      toc.push(
        `<li><a href="#${escapeHtml(id)}">${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</a></li>`,
      );
    }
  }
  const sections = [...byTag.entries()]
    .map(([tag, ops]) => `<h2>${escapeHtml(tag)}</h2>${ops.join('\n')}`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info?.title ?? 'API')} ${escapeHtml(doc.info?.version ?? '')} — API docs</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;display:flex;color:#1f2933}
nav{width:280px;flex:none;height:100vh;overflow:auto;position:sticky;top:0;background:#f5f7fa;padding:1rem;box-sizing:border-box;font-size:.85rem}
nav ul{list-style:none;padding:0}nav a{color:#334e68;text-decoration:none}
main{padding:1rem 2rem;max-width:960px}
.op{border:1px solid #d9e2ec;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.method{display:inline-block;min-width:4em;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:.1rem .3rem;background:#486581}
.method.get{background:#2f8132}.method.post{background:#1d4ed8}.method.put,.method.patch{background:#b45309}.method.delete{background:#b91c1c}
pre{background:#f0f4f8;padding:.5rem;overflow:auto;font-size:.8rem}table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #d9e2ec;padding:.2rem .5rem}
</style></head>
<body><nav><b>${escapeHtml(doc.info?.title ?? 'API')}</b> <small>${escapeHtml(doc.info?.version ?? '')}</small><p><a href="/openapi.json">openapi.json</a></p><ul>${toc.join('')}</ul></nav>
<main><h1>${escapeHtml(doc.info?.title ?? 'API')}</h1><p>${escapeHtml(doc.info?.description ?? '')}</p>
${sections}
</main></body></html>`;
}
