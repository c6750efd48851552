import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../command.js';
import { nodeKeyPaths, readPublicKey } from '../../report/signing/node-key.js';
import { verifyReportFile } from '../../report/signing/report-files.js';

export interface ReportVerifyOptions {
  /** Paths of trusted public keys (SPKI PEM). */
  key?: string[];
  /** Data directories whose node key is trusted. */
  data?: string;
}

/**
 * Adds `verify <file>` to `vigil report`. `--key` takes one path and repeats (`--key a.pem
 * --key b.pem`) rather than being variadic: a variadic option would swallow the file argument
 * that follows it.
 */
export function configureReportVerify(parent: Command): void {
  parent.command('verify <file>')
    .description('check a report document against the manifest and signature beside it (FILE.manifest.json, FILE.sig)')
    .option('--key <pem>', 'trusted public key, SPKI PEM (repeat for several)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--data <dir>', 'trust the node key of this data directory (DIR/keys/node-ed25519.pub.pem)')
    .action((file: string, opts: ReportVerifyOptions) => {
      process.stdout.write(`${reportVerify(file, opts)}\n`);
    });
}

/**
 * Verifies `file` with the keys the options name and returns the success line; throws
 * `CliError` with exit 1 when the report does not verify and 2 on a usage error.
 */
export function reportVerify(file: string, opts: ReportVerifyOptions): string {
  const keyPaths = [...(opts.key ?? [])];
  if (opts.data !== undefined) {
    const pub = nodeKeyPaths(opts.data).publicKey;
    if (!existsSync(pub)) throw new CliError(`${opts.data} has no node key (${pub} does not exist; "vigil init" or "vigil serve" creates it)`, 2);
    keyPaths.push(pub);
  }
  if (keyPaths.length === 0) throw new CliError('give --key PUB.pem or --data DIR: a signature proves nothing without a key you trust', 2);
  let trusted: string[];
  try {
    trusted = keyPaths.map((p) => readPublicKey(p).publicKeyPem);
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  const r = verifyReportFile(file, trusted);
  if (!r.ok) throw new CliError(`${file}: NOT VERIFIED: ${r.reason}`, 1);
  const m = r.manifest;
  return `verified ${file}: ${m.files.length} file(s), signed by ${r.keyId} (${m.agreement.id} v${m.agreement.version}, ${m.period.from}–${m.period.to}, prepared for ${m.preparedFor})`;
}
