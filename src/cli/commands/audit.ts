import { existsSync, readFileSync } from 'node:fs';
import { parseCheckpoint, verifyCheckpointSignature, type AuditCheckpoint } from '../../access/audit-checkpoint.js';
import { nodeKeyPaths, readPublicKey } from '../../report/signing/node-key.js';
import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { withAccessDb } from './access-db.js';

interface VerifyOptions {
  data: string;
  checkpoint?: string;
  key?: string[];
}

/**
 * `vigil audit verify --data DIR [--checkpoint FILE]` (issues 5, 15): exit 0 when the chain is
 * intact (and, with a checkpoint, still holds every entry the checkpoint signed, unchanged),
 * 1 naming the first broken entry, 2 on a usage error.
 */
export const auditCommand: CliCommand = {
  name: 'audit',
  args: '',
  summary: 'verify the hash chain of a data directory\'s audit log, optionally against a signed checkpoint',
  configure(cmd) {
    cmd.command('verify')
      .description('recompute the audit chain; exit 1 naming the first modified, missing or reordered entry')
      .requiredOption('--data <dir>', 'data directory')
      .option('--checkpoint <file>', 'signed checkpoint (GET /api/audit/checkpoint, or a JSON report, which carries one): the log must still hold its entries, unchanged')
      .option('--key <pem>', 'trusted public key for the checkpoint, SPKI PEM (repeat for several; default: DIR/keys/node-ed25519.pub.pem)', (v: string, prev: string[] = []) => [...prev, v])
      .action(async (opts: VerifyOptions) => {
        const checkpoint = opts.checkpoint === undefined ? undefined : trustedCheckpoint(opts.checkpoint, opts);
        const anchor = checkpoint === undefined ? undefined : { size: checkpoint.size, head: checkpoint.head };
        const r = await withAccessDb(opts.data, ({ audit }) => audit.verify(anchor));
        if (!r.ok) throw new CliError(`audit chain broken at entry ${r.brokenAt}: ${r.reason} (${r.entries} entries)`, 1);
        const against = checkpoint === undefined ? '' : `; entries 1..${checkpoint.size} match the checkpoint signed by ${checkpoint.key.id} at ${checkpoint.timestamp}`;
        process.stdout.write(`${r.entries} entries, chain intact${against}\n`);
      });
  },
};

/** The checkpoint of `file`, its signature checked against the trusted keys: a malformed or unsigned checkpoint is exit 1, an unreadable file or key exit 2. */
function trustedCheckpoint(file: string, opts: VerifyOptions): AuditCheckpoint {
  let keyPaths = opts.key ?? [];
  if (keyPaths.length === 0) {
    const pub = nodeKeyPaths(opts.data).publicKey;
    if (!existsSync(pub)) throw new CliError(`${opts.data} has no node key (${pub} does not exist): give --key PUB.pem, the key of the node that signed the checkpoint`, 2);
    keyPaths = [pub];
  }
  let trusted: string[];
  try {
    trusted = keyPaths.map((p) => readPublicKey(p).publicKeyPem);
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`--checkpoint ${file}: ${(err as Error).message}`, 2);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CliError(`--checkpoint ${file}: NOT VERIFIED: not JSON: ${(err as Error).message}`, 1);
  }
  const parsed = parseCheckpoint(json);
  if (!parsed.ok) throw new CliError(`--checkpoint ${file}: NOT VERIFIED: ${parsed.error}`, 1);
  const sig = verifyCheckpointSignature(parsed.value, trusted);
  if (!sig.ok) throw new CliError(`--checkpoint ${file}: NOT VERIFIED: ${sig.reason}`, 1);
  return parsed.value;
}
