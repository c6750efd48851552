import type { Command } from 'commander';

/** One row of the CLI command table: the table generates `vigil --help` and docs/cli.md. */
export interface CliCommand {
  name: string;
  args: string;
  summary: string;
  /** Adds options and the action to the commander sub-command. */
  configure(cmd: Command): void;
}

/** Error with an exit code; the CLI prints its message (no stack) and exits with the code. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
