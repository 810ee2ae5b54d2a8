/** @module `baton <command> [...args]`: a small dispatcher over the command table. */
import { commands } from './commands/index.ts';
import type { CliIO } from './commands/types.ts';

/** Usage text listing every command. */
export function usage(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  const lines = commands.map((c) => `  baton ${c.usage.padEnd(width)}  ${c.summary}`);
  return `usage: baton <command> [...args]\n\ncommands:\n${lines.join('\n')}\n`;
}

/** Runs `argv` (without node and script) and resolves to the exit code. Unknown command: usage, 2. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(name === undefined ? usage() : `baton: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  return command.run(rest, io);
}

/** Entry point used by `bin/baton.js`. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const code = await runCli(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
