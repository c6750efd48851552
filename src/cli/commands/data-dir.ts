import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadAgreementFile } from '../../config/agreement-file.js';
import { formatAgreementError } from '../../core/agreement/agreement-error.js';
import type { CompiledAgreement } from '../../core/agreement/compiled-agreement.js';
import { parseAgreement } from '../../core/agreement/parse-agreement.js';
import { SYSTEM_VIEWER } from '../../store/ports.js';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { CliError } from '../command.js';
import { DATABASE_FILE } from './access-db.js';

/** A data directory's store and agreement (the given file, or the latest version the store holds). */
export async function fromDataDir(dir: string, agreementFile: string | undefined): Promise<{ store: SqliteStore; dataDir: string; agreement: CompiledAgreement; cleanup: () => Promise<void> }> {
  const path = join(dir, DATABASE_FILE);
  if (!existsSync(path)) throw new CliError(`${path} does not exist: give the data directory of a "vigil serve" or "vigil init"`, 2);
  const store = openSqliteStore(path);
  try {
    let agreement: CompiledAgreement;
    if (agreementFile !== undefined) agreement = loadAgreement(agreementFile);
    else {
      const versions = await store.agreements.list(SYSTEM_VIEWER);
      const latest = versions.at(-1);
      if (latest === undefined) throw new CliError(`${path} holds no agreement: give --agreement FILE`, 2);
      const parsed = parseAgreement(latest.yaml);
      if (!parsed.ok) throw new CliError(`the stored agreement ${latest.agreementId} v${latest.version} does not compile on its own (${parsed.errors.map(formatAgreementError).join('; ')}): give --agreement FILE`, 2);
      agreement = parsed.value;
    }
    return { store, dataDir: dir, agreement, cleanup: () => store.close() };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** An agreement file, compiled; its errors become a CliError naming file, line and field. */
export function loadAgreement(file: string): CompiledAgreement {
  const loaded = loadAgreementFile(file);
  if (!loaded.ok) throw new CliError(`invalid agreement:\n${loaded.errors.map(formatAgreementError).join('\n')}`, 2);
  return loaded.value;
}
