import type { CliCommand } from './command.js';

/**
 * The command table, in the order `vigil --help` lists it. Each entry loads its module only
 * when asked: `vigil decode` then starts without the server, the store and the agreement
 * compiler (~0.45 s of module loading it never uses).
 */
const COMMAND_MODULES: readonly { name: string; load: () => Promise<CliCommand> }[] = [
  { name: 'serve', load: async () => (await import('./commands/serve.js')).serveCommand },
  { name: 'decode', load: async () => (await import('./commands/decode.js')).decodeCommand },
  { name: 'check', load: async () => (await import('./commands/check.js')).checkCommand },
  { name: 'agreement', load: async () => (await import('./commands/agreement.js')).agreementCommand },
  { name: 'report', load: async () => (await import('./commands/report.js')).reportCommand },
  { name: 'export', load: async () => (await import('./commands/export.js')).exportCommand },
  { name: 'simulate', load: async () => (await import('./commands/simulate.js')).simulateCommand },
  { name: 'init', load: async () => (await import('./commands/init.js')).initCommand },
  { name: 'user', load: async () => (await import('./commands/user.js')).userCommand },
  { name: 'token', load: async () => (await import('./commands/token.js')).tokenCommand },
  { name: 'audit', load: async () => (await import('./commands/audit.js')).auditCommand },
  { name: 'ingest', load: async () => (await import('./commands/ingest.js')).ingestCommand },
  { name: 'worker', load: async () => (await import('./commands/worker.js')).workerCommand },
];

/** The commands to register for these arguments: only the one named, or all (for help and errors). */
export async function loadCommands(commandName?: string): Promise<CliCommand[]> {
  const named = COMMAND_MODULES.filter((c) => c.name === commandName);
  return Promise.all((named.length > 0 ? named : COMMAND_MODULES).map((c) => c.load()));
}
