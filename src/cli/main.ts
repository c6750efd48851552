#!/usr/bin/env node
import { Command } from 'commander';
import { loadCommands } from './commands.js';
import { CliError } from './command.js';
import { tuneRuntime } from '../config/runtime-tuning.js';

tuneRuntime();

const program = new Command('vigil')
  .description('Vigil: ceasefire monitoring and verification for an aerial and naval truce')
  .showHelpAfterError()
  // A sub-command's options are its own (`vigil report --data D` and `vigil report verify --data D` differ).
  .enablePositionalOptions();

for (const c of await loadCommands(process.argv[2])) {
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
