import type { CliCommand } from './command.js';
import { decodeCommand } from './commands/decode.js';
import { agreementCommand } from './commands/agreement.js';
import { checkCommand } from './commands/check.js';
import { serveCommand } from './commands/serve.js';
import { simulateCommand } from './commands/simulate.js';
import { ACCESS_COMMANDS } from './commands/access-commands.js';

/** The command table, in the order `vigil --help` lists it. */
export const COMMANDS: readonly CliCommand[] = [serveCommand, decodeCommand, checkCommand, agreementCommand, simulateCommand, ...ACCESS_COMMANDS];
