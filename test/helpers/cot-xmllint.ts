import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './shared-data.js';

/** Vigil's CoT base-event schema. */
export const COT_XSD = join(REPO_ROOT, 'src/interop/cot/cot-xsd/cot-event.xsd');

/** `skip` option for tests that need Debian's xmllint (package libxml2-utils; .ci/run installs it). */
export const SKIP_WITHOUT_XMLLINT: string | false = spawnSync('xmllint', ['--version']).status === 0 ? false : 'xmllint not installed (Debian: apt-get install libxml2-utils)';

/**
 * Validates each document (one file each) against the CoT schema with `xmllint --schema`;
 * throws with xmllint's messages when any fails.
 */
export function xmllintValidate(docs: readonly string[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cot-'));
  const files = docs.map((d, i) => {
    const f = join(dir, `event-${i}.xml`);
    writeFileSync(f, d);
    return f;
  });
  execFileSync('xmllint', ['--noout', '--schema', COT_XSD, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
