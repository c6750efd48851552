import { Command } from 'commander';
import { COMMANDS } from './commands.js';

/** docs/cli.md, generated from the command table (the same table that builds `vigil --help`). */
export function cliDocs(): string {
  const out = ['# Command line', '', 'Generated from the command table (`src/cli/commands.ts`) by `npm run docs:cli`; a test keeps it current.', ''];
  for (const c of COMMANDS) {
    const program = new Command('vigil').exitOverride();
    const cmd = program.command(`${c.name}${c.args ? ' ' + c.args : ''}`).description(c.summary);
    c.configure(cmd);
    out.push(`## vigil ${c.name}${c.args ? ' ' + c.args : ''}`, '', c.summary, '', '```', cmd.helpInformation().trimEnd(), '```', '');
  }
  return out.join('\n');
}
