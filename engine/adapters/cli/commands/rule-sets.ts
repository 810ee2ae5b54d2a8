/** @module `baton validate PATH` and `baton diff A B` (`baton audit` is in audit.ts). */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { issuesOf } from '../../../app/rule-sets/issues.ts';
import { contentOf } from '../../../app/rule-sets/shared.ts';
import type { Issue } from '../../../core/errors.ts';
import { messageOf } from '../../../core/errors.ts';
import { diffRuleSets, renderDiffText } from '../../../core/ruleset/diff.ts';
import { documentKind } from '../../../core/ruleset/kinds/registry.ts';
import { calendarIssues, isCalendarDocument } from './calendar.ts';
import { type CliCommand, type CliIO, flagValue, usageError } from './types.ts';

const HEADER_FILES = ['rule-set.json', 'ruleset.json'];

/** Reads a JSON file; a bundle yields its rule set. */
async function readRuleSetFile(file: string): Promise<unknown> {
  const value = JSON.parse(await readFile(file, 'utf8')) as unknown;
  const bundle = value as { format?: unknown; ruleSet?: unknown } | null;
  return bundle && bundle.format === 'baton-bundle' ? bundle.ruleSet : value;
}

/**
 * Loads a rule set from a bundle file, a rule-set file, or a directory of document files (any
 * `*.json`, recursively; `rule-set.json` supplies the header, else a placeholder header is used).
 */
export async function loadRuleSet(target: string): Promise<unknown> {
  if (!(await stat(target)).isDirectory()) return readRuleSetFile(target);
  let header: Record<string, unknown> = {
    kind: 'ruleSet',
    id: path.basename(target).replace(/[^A-Za-z0-9._:-]/g, '-') || 'rule-set',
    schemaVersion: 1,
    name: { en: path.basename(target), zh: path.basename(target) },
    period: { from: '0001-01-01', to: '9999-12-31' },
  };
  const documents: unknown[] = [];
  const calendars: unknown[] = [];
  // Calendar documents (seeds/calendars/) sit beside the documents of a rule set, in `calendars`: the kind registry says where each kind goes.
  const add = (value: unknown) =>
    (documentKind((value as { kind?: unknown } | null)?.kind)?.place === 'calendars'
      ? calendars
      : documents
    ).push(value);
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.json')) {
        const value = JSON.parse(await readFile(full, 'utf8')) as unknown;
        if (dir === target && HEADER_FILES.includes(entry.name)) header = value as Record<string, unknown>;
        else if (Array.isArray(value)) value.forEach(add);
        else add(value);
      }
    }
  };
  await walk(target);
  const headerDocs = Array.isArray(header.documents) ? header.documents : [];
  const headerCalendars = Array.isArray(header.calendars) ? header.calendars : [];
  return {
    ...header,
    documents: [...headerDocs, ...documents],
    ...(headerCalendars.length + calendars.length > 0
      ? { calendars: [...headerCalendars, ...calendars] }
      : {}),
  };
}

const describeError = messageOf;

function printIssues(io: CliIO, issues: readonly Issue[]): void {
  for (const issue of issues) {
    io.stdout(`${issue.severity ?? 'error'} ${issue.path || '/'}: ${issue.code} ${issue.message}\n`);
  }
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary:
    'Validate and check a rule set (a bundle, a rule-set JSON file or a directory of documents) or a calendar document',
  usage: 'validate PATH',
  async run(args, io) {
    const target = args[0];
    if (target === undefined) {
      return usageError(io, this.usage);
    }
    let ruleSet: unknown;
    try {
      ruleSet = await loadRuleSet(path.resolve(io.cwd, target));
    } catch (error) {
      io.stderr(`baton validate: cannot read ${target}: ${describeError(error)}\n`);
      return 1;
    }
    const issues = isCalendarDocument(ruleSet)
      ? calendarIssues(ruleSet)
      : issuesOf(
          typeof ruleSet === 'object' && ruleSet !== null && !Array.isArray(ruleSet)
            ? contentOf(ruleSet)
            : ruleSet,
        );
    const errors = issues.filter((i) => i.severity !== 'warning');
    printIssues(io, issues);
    if (errors.length > 0) {
      io.stdout(`${errors.length} error(s), ${issues.length - errors.length} warning(s)\n`);
      return 1;
    }
    io.stdout(`valid${issues.length > 0 ? ` (${issues.length} warning(s))` : ''}\n`);
    return 0;
  },
};

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'Semantic diff of two rule sets (files, bundles or directories); --json for the entries',
  usage: 'diff A B [--json] [--lang zh]',
  async run(args, io) {
    const isJson = args.includes('--json');
    const langAt = args.indexOf('--lang');
    const lang = flagValue(args, '--lang') === 'zh' ? 'zh' : 'en';
    const files = args.filter((a, i) => !a.startsWith('--') && !(langAt !== -1 && i === langAt + 1));
    if (files.length !== 2) {
      return usageError(io, this.usage);
    }
    const sides: unknown[] = [];
    for (const file of files) {
      try {
        sides.push(await loadRuleSet(path.resolve(io.cwd, file)));
      } catch (error) {
        io.stderr(`baton diff: cannot read ${file}: ${describeError(error)}\n`);
        return 1;
      }
    }
    const changes = diffRuleSets(sides[0], sides[1]);
    io.stdout(isJson ? `${JSON.stringify({ changes }, null, 2)}\n` : renderDiffText(changes, lang));
    return 0;
  },
};
