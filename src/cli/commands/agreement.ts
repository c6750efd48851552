import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { loadAgreementFile } from '../../config/agreement-file.js';
import { formatAgreementError } from '../../core/agreement/agreement-error.js';
import type { CompiledAgreement } from '../../core/agreement/compiled-agreement.js';
import { describeAgreement } from '../../core/agreement/describe.js';
import { diffAgreements, renderAgreementChanges } from '../../core/agreement/diff.js';

/** Loads an agreement or prints its errors (`FILE:LINE:COL: field: message`) and exits 2. */
function loadOrFail(path: string): CompiledAgreement {
  const r = loadAgreementFile(path);
  if (r.ok) return r.value;
  for (const e of r.errors) process.stderr.write(formatAgreementError(e) + '\n');
  throw new CliError(`${path}: ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}, agreement not valid`, 2);
}

/**
 * `vigil agreement check FILE` (validate, print a summary in words) and
 * `vigil agreement diff A B` (what changed between two versions).
 */
export const agreementCommand: CliCommand = {
  name: 'agreement',
  args: '',
  summary: 'check an agreement file, or diff two versions of it',
  configure(cmd) {
    cmd.command('check <file>')
      .description('validate and compile an agreement; print its zones and rules in words (exit 2 on errors)')
      .action((file: string) => {
        const g = loadOrFail(file);
        process.stdout.write(describeAgreement(g).join('\n') + '\n');
      });
    cmd.command('diff <a> <b>')
      .description('list the changes from agreement A to agreement B')
      .action((a: string, b: string) => {
        const ga = loadOrFail(a);
        const gb = loadOrFail(b);
        const lines = renderAgreementChanges(diffAgreements(ga, gb));
        process.stdout.write(lines.length === 0 ? 'no changes\n' : lines.join('\n') + '\n');
      });
  },
};
