import { join } from 'node:path';
import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { CLI_ACTOR, DATABASE_FILE, readPassword, withAccessDb } from './access-db.js';
import { loadOrCreateNodeKey, nodeKeyPaths } from '../../report/signing/node-key.js';

/**
 * `vigil init --data DIR --username U --nation FRA [--password-file F]` (issue 5): also creates
 * the node's report-signing key and prints its id, for partners to compare with `GET /api/keys`.
 */
export const initCommand: CliCommand = {
  name: 'init',
  args: '',
  summary: 'create the database of a data directory and its first coalition admin (refused once users exist)',
  configure(cmd) {
    cmd.requiredOption('--data <dir>', 'data directory (created if missing)')
      .requiredOption('--username <name>', 'the first coalition admin ([a-z0-9._-], 3 to 32 characters)')
      .requiredOption('--nation <code>', 'their nation, ISO 3166-1 alpha-3 (e.g. FRA)')
      .option('--password-file <file>', 'file holding the password (- for stdin); default: environment variable VIGIL_INIT_PASSWORD')
      .action(async (opts: { data: string; username: string; nation: string; passwordFile?: string }) => {
        const password = readPassword(opts.passwordFile, 'VIGIL_INIT_PASSWORD');
        const user = await withAccessDb(opts.data, ({ access }) =>
          access.bootstrap({ username: opts.username, password, nation: opts.nation }, CLI_ACTOR), true);
        process.stdout.write(`created ${join(opts.data, DATABASE_FILE)} with coalition admin ${user.username} (${user.nation}, id ${user.id})\n`);
        let key;
        try {
          key = loadOrCreateNodeKey(opts.data);
        } catch (err) {
          throw new CliError((err as Error).message, 2);
        }
        process.stdout.write(`node signing key ${key.keyId} (public key ${nodeKeyPaths(opts.data).publicKey})\n`);
      });
  },
};
