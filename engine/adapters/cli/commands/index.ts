/** @module The command table of `baton`; add a command by adding its file and one entry here. */
import { calendarCommand } from './calendar.ts';
import { evalCommand } from './eval.ts';
import { auditCommand } from './audit.ts';
import { pluginCommand } from './plugin.ts';
import { diffCommand, validateCommand } from './rule-sets.ts';
import type { CliCommand } from './types.ts';

export type { CliCommand, CliIO } from './types.ts';

/** Every subcommand, by name. */
export const commands: readonly CliCommand[] = [
  evalCommand,
  validateCommand,
  diffCommand,
  auditCommand,
  calendarCommand,
  pluginCommand,
];
