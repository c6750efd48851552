#!/usr/bin/env node
import { Command } from 'commander';
import { COMMANDS } from './commands.js';
import { CliError } from './command.js';
import { tuneRuntime } from '../config/runtime-tuning.js';

tuneRuntime();

const program = new Command('vigil')
  .description('Vigil: ceasefire monitoring and verification for an aerial and naval truce')
  .showHelpAfterError();

for (const c of COMMANDS) {
  const cmd = program.command(`${c.name}${c.args ? ' ' + c.args : ''}`).description(c.summary);
  c.configure(cmd);
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CliError) {
    process.stderr.write(`vigil: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  throw err;
}
