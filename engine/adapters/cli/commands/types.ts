/** @module Contract of one `baton` subcommand. */

/** Where a command writes; injectable so commands can run in-process in tests. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Working directory relative paths are resolved against. */
  cwd: string;
}

/** One subcommand of `baton <command> [...args]`. */
export interface CliCommand {
  name: string;
  /** One line shown in the usage text. */
  summary: string;
  /** Usage line, e.g. `eval --batch FILE`. */
  usage: string;
  /** Runs the command with the arguments after its name; resolves to the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** The word after `flag` in `args`: undefined when the flag is absent or nothing follows it. */
export function flagValue(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at === -1 ? undefined : args[at + 1];
}

/** Wrong arguments: prints `usage: baton <usage>` to stderr; returns the exit code 2. */
export function usageError(io: CliIO, usage: string): number {
  io.stderr(`usage: baton ${usage}\n`);
  return 2;
}
