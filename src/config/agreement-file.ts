import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { AgreementResult } from '../core/agreement/agreement-error.js';
import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import { parseAgreement } from '../core/agreement/parse-agreement.js';

/**
 * Reads, validates and compiles an agreement file. `file:` zones are read relative to the
 * agreement file's directory. Errors (including an unreadable file) come back in the
 * result with `file` set to `path`; nothing throws for bad input.
 *
 * @param path agreement YAML file
 * @example
 * const r = loadAgreementFile('examples/black-sea/agreement.yaml');
 * if (r.ok) console.log(r.value.zones.length);
 */
export function loadAgreementFile(path: string): AgreementResult<CompiledAgreement> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, errors: [{ file: path, line: 1, column: 1, field: '', message: `cannot read agreement file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
  }
  const base = dirname(path);
  return parseAgreement(text, {
    file: path,
    resolveFile: (rel) => {
      const full = isAbsolute(rel) ? rel : resolve(base, rel);
      try {
        return { ok: true, value: readFileSync(full, 'utf8') };
      } catch (e) {
        return { ok: false, error: `cannot read zone file ${full}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
      }
    },
  });
}
