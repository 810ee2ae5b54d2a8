/** @module `baton audit verify [--checkpoint FILE]` and `baton audit checkpoint export [--out FILE]`: the keyed audit chain of BATON_DB_URL under the server secret's audit key. */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { exportAuditCheckpoint, verifyAudit, withAuditKey } from '../../../app/audit.ts';
import { BatonError } from '../../../core/errors.ts';
import { clockFromEnv } from '../../clock/clock.ts';
import { readAuditKey } from '../../crypto/audit-key.ts';
import { filePathOf, openStore } from '../../db/libsql-store.ts';
import { type CliCommand, type CliIO, usageError } from './types.ts';

const USAGE = 'audit verify [--checkpoint FILE] | audit checkpoint export [--out FILE]';

const describeError = (error: unknown): string =>
  error instanceof BatonError
    ? `${error.code}: ${error.text.zh} / ${error.text.en}`
    : error instanceof Error
      ? error.message
      : String(error);

/** The value after `flag` in `args`, undefined when absent; null when the flag has no value. */
function option(args: string[], flag: string): string | null | undefined {
  const at = args.indexOf(flag);
  if (at === -1) return undefined;
  const value = args[at + 1];
  return value === undefined || value.startsWith('--') ? null : value;
}

/** Opens BATON_DB_URL without migrating, keyed with the audit key when one is configured (never creates one). */
async function openAuditStore(io: CliIO) {
  const url = process.env.BATON_DB_URL;
  const store = await openStore(url, { migrate: false });
  const file = filePathOf(store.url);
  const key = readAuditKey({
    envKey: process.env.BATON_SECRET_KEY,
    dataDir: file ? dirname(file) : resolve(io.cwd, 'data'),
  });
  return { store: key ? withAuditKey(store, key) : store, close: () => store.close() };
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary:
    'audit verify: check the keyed audit chain of BATON_DB_URL against its signed checkpoints (and an exported one); exit 1 at the first broken record. audit checkpoint export: print a signed checkpoint to keep elsewhere',
  usage: USAGE,
  async run(args, io) {
    const isVerify = args[0] === 'verify';
    const isExport = args[0] === 'checkpoint' && args[1] === 'export';
    const anchorFile = option(args, '--checkpoint');
    const outFile = option(args, '--out');
    if ((!isVerify && !isExport) || anchorFile === null || outFile === null) {
      return usageError(io, USAGE);
    }
    let anchor: unknown;
    if (isVerify && anchorFile !== undefined) {
      try {
        anchor = JSON.parse(await readFile(resolve(io.cwd, anchorFile), 'utf8')) as unknown;
      } catch (error) {
        io.stderr(`baton audit: cannot read ${anchorFile}: ${describeError(error)}\n`);
        return 1;
      }
    }
    let opened: Awaited<ReturnType<typeof openAuditStore>>;
    try {
      opened = await openAuditStore(io);
    } catch (error) {
      io.stderr(`baton audit: cannot open the database: ${describeError(error)}\n`);
      return 1;
    }
    try {
      if (isExport) {
        const checkpoint = await exportAuditCheckpoint({
          store: opened.store,
          clock: clockFromEnv(process.env),
        });
        const json = `${JSON.stringify(checkpoint, null, 2)}\n`;
        if (outFile === undefined) io.stdout(json);
        else {
          await writeFile(resolve(io.cwd, outFile), json, 'utf8');
          io.stdout(`checkpoint of ${checkpoint.count} records written to ${outFile}\n`);
        }
        return 0;
      }
      const result = await verifyAudit({ store: opened.store }, anchor === undefined ? {} : { anchor });
      const first = result.ok
        ? `ok (${result.count} records, last seq ${result.lastSeq})`
        : `broken at seq ${result.firstBrokenSeq} (${result.reason})`;
      io.stdout(`${first}\n${result.message.zh}\n${result.message.en}\n`);
      return result.ok ? 0 : 1;
    } catch (error) {
      io.stderr(`baton audit: ${describeError(error)}\n`);
      return 1;
    } finally {
      await opened.close();
    }
  },
};
