import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import type { Action } from '../../access/roles.js';
import { CLI_ACTOR, withAccessDb } from './access-db.js';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration like `30d`, `12h`, `90m`, `45s` in ms; undefined when malformed.
 * @example parseTtl('30d') // 2592000000
 */
export function parseTtl(text: string): number | undefined {
  const m = /^(\d{1,6})([smhd])$/.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : undefined;
}

/** `vigil token create|revoke --data DIR …` (issue 5), acting as the system (`cli`). */
export const tokenCommand: CliCommand = {
  name: 'token',
  args: '',
  summary: 'create or revoke API tokens of a data directory\'s users (audited as cli)',
  configure(cmd) {
    cmd.command('create')
      .description('create an API token for a user; prints the secret once (only its SHA-256 is stored)')
      .requiredOption('--data <dir>', 'data directory')
      .requiredOption('--username <name>', 'the token\'s owner')
      .requiredOption('--name <label>', 'what the token is for')
      .requiredOption('--scopes <list>', 'comma-separated actions, a subset of the owner\'s (e.g. read,report:create)')
      .requiredOption('--ttl <duration>', 'lifetime: Nd, Nh, Nm or Ns (at most 365d)')
      .action(async (opts: { data: string; username: string; name: string; scopes: string; ttl: string }) => {
        const ttlMs = parseTtl(opts.ttl);
        if (ttlMs === undefined) throw new CliError(`--ttl "${opts.ttl}" is not a duration like 30d, 12h, 90m`, 2);
        const scopes = opts.scopes.split(',').map((s) => s.trim()).filter((s) => s !== '') as Action[];
        const { token, record } = await withAccessDb(opts.data, async ({ access }) => {
          const owner = access.findUser(opts.username);
          if (owner === undefined) throw new CliError(`no user "${opts.username}"`, 2);
          return access.createToken(CLI_ACTOR, { name: opts.name, scopes, ttlMs, userId: owner.id });
        });
        process.stderr.write(`token ${record.id} for ${opts.username} (${record.scopes.join(',')}), expires ${new Date(record.expiresMs).toISOString()}; the secret below is shown only now\n`);
        process.stdout.write(token + '\n');
      });
    cmd.command('revoke')
      .description('revoke an API token by id')
      .requiredOption('--data <dir>', 'data directory')
      .requiredOption('--id <n>', 'token id')
      .action(async (opts: { data: string; id: string }) => {
        const id = Number(opts.id);
        if (!Number.isSafeInteger(id) || id <= 0) throw new CliError(`--id "${opts.id}" is not a token id`, 2);
        const record = await withAccessDb(opts.data, ({ access }) => access.revokeToken(CLI_ACTOR, id));
        process.stdout.write(`revoked token ${record.id} (${record.name})\n`);
      });
  },
};
