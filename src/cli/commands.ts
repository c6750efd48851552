import type { CliCommand } from './command.js';
import { decodeCommand } from './commands/decode.js';

/** The command table, in the order `vigil --help` lists it. */
export const COMMANDS: readonly CliCommand[] = [decodeCommand];
