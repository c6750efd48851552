import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { withAccessDb } from './access-db.js';

/** `vigil audit verify --data DIR` (issue 5): exit 0 when the chain is intact, 1 naming the first broken entry. */
export const auditCommand: CliCommand = {
  name: 'audit',
  args: '',
  summary: 'verify the hash chain of a data directory\'s audit log',
  configure(cmd) {
    cmd.command('verify')
      .description('recompute the audit chain; exit 1 naming the first modified, missing or reordered entry')
      .requiredOption('--data <dir>', 'data directory')
      .action(async (opts: { data: string }) => {
        const r = await withAccessDb(opts.data, ({ audit }) => audit.verify());
        if (!r.ok) throw new CliError(`audit chain broken at entry ${r.brokenAt}: ${r.reason} (${r.entries} entries)`, 1);
        process.stdout.write(`${r.entries} entries, chain intact\n`);
      });
  },
};
