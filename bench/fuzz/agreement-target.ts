/** The agreement parser as a fuzz target (see `targets.ts`). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAgreement } from '../../src/core/agreement/parse-agreement.js';
import { REPO_ROOT } from '../../test/helpers/shared-data.js';
import { check } from './oracles.js';
import type { RunInput } from './targets.js';

const CORRIDOR_PATH = join(REPO_ROOT, 'examples/black-sea/zones/western-corridor.geojson');

/** The agreement parser: nothing throws; every error has a file, a 1-based line and column and a message. */
function runAgreement(corridor: string): RunInput {
  return (input) => {
    const r = parseAgreement(input, { file: 'fuzz.yaml', resolveFile: (p) => (p === 'zones/western-corridor.geojson' ? { ok: true, value: corridor } : { ok: false, error: `no file ${p}` }) });
    if (r.ok) return;
    check(r.errors.length > 0, () => 'a failed parse with no error');
    for (const e of r.errors) {
      check(e.file === 'fuzz.yaml' && Number.isInteger(e.line) && e.line >= 1 && Number.isInteger(e.column) && e.column >= 1, () => `error without a location: ${JSON.stringify(e)}`);
      check(typeof e.message === 'string' && e.message.length > 0 && typeof e.field === 'string', () => `error without a message: ${JSON.stringify(e)}`);
    }
  };
}


export async function openAgreementTarget(): Promise<{ run: RunInput; close(): Promise<void> }> {
  return { run: runAgreement(readFileSync(CORRIDOR_PATH, 'utf8')), close: async () => {} };
}
