import type { CliCommand } from '../command.js';
import { auditCommand } from './audit.js';
import { initCommand } from './init.js';
import { tokenCommand } from './token.js';
import { userCommand } from './user.js';

/** The access commands (issue 5), registered in the command table as one entry. */
export const ACCESS_COMMANDS: readonly CliCommand[] = [initCommand, userCommand, tokenCommand, auditCommand];
