import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import type { UserRecord } from '../../access/ports.js';
import type { Role } from '../../access/roles.js';
import { CLI_ACTOR, readPassword, withAccessDb } from './access-db.js';

/** `vigil user add|list|disable --data DIR …` (issue 5), acting as the system (`cli`). */
export const userCommand: CliCommand = {
  name: 'user',
  args: '',
  summary: 'add, list or disable users of a data directory (audited as cli)',
  configure(cmd) {
    cmd.command('add')
      .description('add a user of a nation with roles (viewer, analyst, verifier, admin, coalition-admin)')
      .requiredOption('--data <dir>', 'data directory')
      .requiredOption('--username <name>', 'new username ([a-z0-9._-], 3 to 32 characters)')
      .requiredOption('--nation <code>', 'ISO 3166-1 alpha-3 (e.g. GBR)')
      .requiredOption('--roles <list>', 'comma-separated roles, e.g. analyst,verifier')
      .option('--password-file <file>', 'file holding the password (- for stdin); default: environment variable VIGIL_USER_PASSWORD')
      .action(async (opts: { data: string; username: string; nation: string; roles: string; passwordFile?: string }) => {
        const password = readPassword(opts.passwordFile, 'VIGIL_USER_PASSWORD');
        const roles = opts.roles.split(',').map((r) => r.trim()).filter((r) => r !== '') as Role[];
        const user = await withAccessDb(opts.data, ({ access }) =>
          access.createUser(CLI_ACTOR, { username: opts.username, password, nation: opts.nation, roles }));
        process.stdout.write(`added ${user.username} (${user.nation}, ${user.roles.join(',')}, id ${user.id})\n`);
      });
    cmd.command('list')
      .description('list all users')
      .requiredOption('--data <dir>', 'data directory')
      .action(async (opts: { data: string }) => {
        const users = await withAccessDb(opts.data, ({ access }) => access.listUsers(CLI_ACTOR));
        process.stdout.write(formatUsers(users));
      });
    cmd.command('disable')
      .description('disable a user: ends their sessions and revokes their tokens at once')
      .requiredOption('--data <dir>', 'data directory')
      .requiredOption('--username <name>', 'the user to disable')
      .action(async (opts: { data: string; username: string }) => {
        const user = await withAccessDb(opts.data, async ({ access }) => {
          const found = access.findUser(opts.username);
          if (found === undefined) throw new CliError(`no user "${opts.username}"`, 2);
          return access.setDisabled(CLI_ACTOR, found.id, true);
        });
        process.stdout.write(`disabled ${user.username} (${user.nation}, id ${user.id})\n`);
      });
  },
};

/** One line per user under a header, columns padded; `disabled` marks disabled users. */
export function formatUsers(users: readonly UserRecord[]): string {
  const rows = [['ID', 'USERNAME', 'NATION', 'ROLES', 'STATUS', 'CREATED']];
  for (const u of users) {
    rows.push([String(u.id), u.username, u.nation, u.roles.join(','), u.disabled ? 'disabled' : 'active', new Date(u.createdMs).toISOString()]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}
