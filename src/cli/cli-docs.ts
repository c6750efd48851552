import { Command } from 'commander';
import { loadCommands } from './commands.js';

/** docs/cli.md, generated from the command table (the same table that builds `vigil --help`). */
export async function cliDocs(): Promise<string> {
  const out = ['# Command line', '', 'Generated from the command table (`src/cli/commands.ts`) by `npm run docs:cli`; a test keeps it current.', ''];
  for (const c of await loadCommands()) {
    const program = new Command('vigil').exitOverride();
    const cmd = program.command(`${c.name}${c.args ? ' ' + c.args : ''}`).description(c.summary);
    c.configure(cmd);
    out.push(`## vigil ${c.name}${c.args ? ' ' + c.args : ''}`, '', c.summary, '', '```', cmd.helpInformation().trimEnd(), '```', '');
  }
  return out.join('\n');
}
