/** @module Import-graph checker: enforces ARCHITECTURE.md's one-way dependency rule and finds cycles. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface Violation {
  from: string;
  to: string;
  reason: string;
}

/** Layer of a repo-relative path, or null for files outside the checked layers. */
export function layerOf(file: string): string | null {
  if (file.startsWith('engine/core/')) return 'core';
  if (file.startsWith('engine/app/')) return 'app';
  if (file.startsWith('engine/ports/')) return 'ports';
  if (file.startsWith('engine/adapters/db/')) return 'adapters/db';
  if (file.startsWith('engine/adapters/')) return 'adapters';
  if (file === 'engine/main.ts') return 'main';
  if (file.startsWith('studio/')) return 'studio';
  if (file.startsWith('schemas/')) return 'schemas';
  if (file.startsWith('plugins/')) return 'plugins';
  if (file.startsWith('seeds/')) return 'seeds';
  return null;
}

/** Which layers each layer may import (besides itself). */
const allowedLayers: Record<string, string[]> = {
  core: ['core', 'schemas'],
  ports: ['ports', 'core', 'schemas'],
  app: ['app', 'ports', 'core', 'schemas'],
  'adapters/db': ['adapters/db', 'adapters', 'app', 'ports', 'core', 'schemas'],
  adapters: ['adapters', 'adapters/db', 'app', 'ports', 'core', 'schemas'],
  main: ['main', 'seeds', 'adapters', 'adapters/db', 'app', 'ports', 'core', 'schemas'],
  studio: ['studio', 'core', 'schemas'],
  schemas: ['schemas'],
  plugins: ['plugins', 'core', 'schemas'],
  // The demo district's data and generators: they drive the app's operations; only main calls them.
  seeds: ['seeds', 'app', 'ports', 'core', 'schemas'],
};

/** Packages the pure core may use: deterministic, no I/O. */
const corePackages = new Set(['ajv', 'ajv/dist/2020', 'ajv/dist/2020.js', 'ajv-formats']);

const importPattern =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Import specifiers of a source text (static, re-exports and literal dynamic imports). */
export function importsOf(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const match of withoutComments.matchAll(importPattern)) {
    const spec = match[1] ?? match[2];
    if (spec) found.push(spec);
  }
  return found;
}

/**
 * Checks a set of files (repo-relative path → source). Returns forbidden imports and cycles.
 * Relative specifiers are resolved against the importing file.
 */
export function checkImports(files: Map<string, string>): Violation[] {
  const violations: Violation[] = [];
  const graph = new Map<string, string[]>();
  for (const [file, source] of files) {
    const layer = layerOf(file);
    const edges: string[] = [];
    for (const spec of importsOf(source)) {
      if (spec.startsWith('.')) {
        const target = relative('.', join(dirname(file), spec)).replaceAll('\\', '/');
        edges.push(target);
        const targetLayer = layerOf(target);
        if (layer && targetLayer && !allowedLayers[layer]?.includes(targetLayer)) {
          violations.push({ from: file, to: target, reason: `${layer} must not import ${targetLayer}` });
        }
        if (layer && targetLayer === null && !target.startsWith('node_modules')) {
          violations.push({ from: file, to: target, reason: `${layer} must not import outside the layers` });
        }
        continue;
      }
      if (spec === '@libsql/client' || spec.startsWith('@libsql/')) {
        if (layer !== 'adapters/db') {
          violations.push({
            from: file,
            to: spec,
            reason: 'only engine/adapters/db may import @libsql/client',
          });
        }
      }
      if (layer === 'core' && !corePackages.has(spec)) {
        violations.push({ from: file, to: spec, reason: 'core is pure: it may not import this package' });
      }
      if ((layer === 'app' || layer === 'ports') && (spec.startsWith('node:') || spec === 'hono')) {
        violations.push({ from: file, to: spec, reason: `${layer} must reach I/O through ports` });
      }
      if (layer === 'studio' && spec.startsWith('node:')) {
        violations.push({ from: file, to: spec, reason: 'studio runs in the browser' });
      }
    }
    graph.set(file, edges);
  }
  for (const cycle of findCycles(graph)) {
    violations.push({
      from: cycle[0] ?? '',
      to: cycle.at(-1) ?? '',
      reason: `import cycle: ${cycle.join(' → ')}`,
    });
  }
  return violations;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.includes(node)) cycles.push(component.reverse());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}

/** Reads every .ts/.tsx file under the given repo folders. */
export function readSources(root: string, folders: string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) {
        files.set(relative(root, full).replaceAll('\\', '/'), readFileSync(full, 'utf8'));
      }
    }
  };
  for (const folder of folders) {
    const dir = resolve(root, folder);
    try {
      if (statSync(dir).isDirectory()) walk(dir);
    } catch {
      // a folder that does not exist yet has nothing to check
    }
  }
  return files;
}
