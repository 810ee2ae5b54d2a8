/** @module `baton calendar import FILE... [--id ID] [--into CALENDAR] [--out FILE]`: a calendar document from holiday-cn JSON or iCalendar files; calendar checks for `baton validate`. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CalendarDocument, checkCalendar } from '../../../core/calendar/calendar.ts';
import { importCalendarFile } from '../../../core/calendar/import.ts';
import { BatonError, type Issue, messageOf } from '../../../core/errors.ts';
import { validate } from '../../../core/ruleset/validate.ts';
import { type CliCommand, usageError } from './types.ts';

/** Whether a loaded JSON value is a calendar document (rather than a rule set). */
export function isCalendarDocument(value: unknown): boolean {
  return (value as { kind?: unknown } | null)?.kind === 'calendar';
}

/** Schema issues of a calendar document, or (once the schema passes) its calendar check issues. */
export function calendarIssues(value: unknown): Issue[] {
  const result = validate('calendar', value);
  return result.ok ? checkCalendar(result.value) : result.issues;
}

const describeError = messageOf;

const USAGE = 'calendar import FILE... [--id ID] [--into CALENDAR.json] [--out FILE]';

/** Splits `args` into files and `--name value` options; undefined when an option lacks its value. */
function parseArgs(args: string[]): { files: string[]; options: Record<string, string> } | undefined {
  const files: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) return undefined;
    options[arg.slice(2)] = value;
    i++;
  }
  return { files, options };
}

export const calendarCommand: CliCommand = {
  name: 'calendar',
  summary:
    'calendar import: a calendar document from holiday-cn JSON year files or an iCalendar (.ics) file; --into merges the years into an existing calendar',
  usage: USAGE,
  async run(args, io) {
    const parsed = args[0] === 'import' ? parseArgs(args.slice(1)) : undefined;
    const unknown = parsed && Object.keys(parsed.options).find((k) => !['id', 'into', 'out'].includes(k));
    if (!parsed || parsed.files.length === 0 || unknown) {
      return usageError(io, USAGE);
    }
    const { files, options } = parsed;
    let inputs: { fileName: string; content: string }[];
    let base: CalendarDocument | undefined;
    try {
      inputs = await Promise.all(
        files.map(async (f) => ({ fileName: f, content: await readFile(path.resolve(io.cwd, f), 'utf8') })),
      );
      if (options.into !== undefined) {
        const raw = JSON.parse(await readFile(path.resolve(io.cwd, options.into), 'utf8')) as unknown;
        const issues = calendarIssues(raw).filter((i) => i.severity !== 'warning');
        if (issues.length > 0) {
          io.stderr(`baton calendar: ${options.into} is not a valid calendar: ${issues[0]!.message}\n`);
          return 1;
        }
        base = raw as CalendarDocument;
      }
    } catch (error) {
      io.stderr(`baton calendar: cannot read: ${describeError(error)}\n`);
      return 1;
    }
    try {
      const result = importCalendarFile(inputs, {
        ...(options.id !== undefined ? { id: options.id } : {}),
        ...(base ? { base, merge: true } : {}),
      });
      for (const w of result.warnings) io.stderr(`warning ${w.code}: ${w.message}\n`);
      const text = `${JSON.stringify(result.calendar, null, 2)}\n`;
      const { from, to } = result.calendar.coverage;
      const covers = from === to ? `${from}` : `${from}–${to}`;
      if (options.out !== undefined) {
        await writeFile(path.resolve(io.cwd, options.out), text);
        io.stderr(`wrote calendar ${result.calendar.id} (covers ${covers}) to ${options.out}\n`);
      } else io.stdout(text);
      return 0;
    } catch (error) {
      if (error instanceof BatonError) {
        io.stderr(`baton calendar: ${error.code}: ${error.text.en}\n${error.text.zh}\n`);
        return 1;
      }
      io.stderr(`baton calendar: ${describeError(error)}\n`);
      return 1;
    }
  },
};
