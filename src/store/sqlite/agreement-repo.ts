import type { AgreementRepository, AgreementVersion, AgreementVersionInput, Viewer } from '../ports.js';
import { agreementSha256, assertSameAgreementText } from '../sql/record-writes.js';
import type { AgreementColumns } from '../sql/row-mappers.js';
import { markingColumns, type ReleasabilityRow, sqliteRows, type SqlReader, type SqlWriter } from './sql-reader.js';

type AgreementRow = AgreementColumns & ReleasabilityRow;

/** Every loaded version of every agreement, with the SHA-256 of its text. */
export class SqliteAgreementRepository implements AgreementRepository {
  constructor(private readonly reader: SqlReader, private readonly writer: SqlWriter) {}

  async add(row: AgreementVersionInput): Promise<AgreementVersion> {
    const sha256 = agreementSha256(row);
    const m = markingColumns(row);
    return this.writer.db.transaction((): AgreementVersion => {
      const prev = this.writer.statement('SELECT /* write path */ * FROM agreement_versions WHERE agreement_id = ? AND version = ?')
        .get(row.agreementId, row.version) as AgreementRow | undefined;
      if (prev !== undefined) {
        assertSameAgreementText(row, prev.sha256, sha256);
        return sqliteRows.agreement(prev);
      }
      this.writer.statement(`INSERT INTO agreement_versions (agreement_id, version, yaml, sha256, loaded_ms, originator, marking, releasable_to)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(row.agreementId, row.version, row.yaml, sha256, row.loadedMs, m.originator, m.marking, m.releasableTo);
      return { ...row, sha256 };
    }).immediate();
  }

  async list(viewer: Viewer, agreementId?: string): Promise<AgreementVersion[]> {
    const rows = this.reader.select<AgreementRow>(viewer, {
      columns: 'g.*', from: 'agreement_versions g', alias: 'g',
      where: agreementId === undefined ? [] : ['g.agreement_id = @agreementId'], orderBy: 'g.agreement_id, g.version',
    }, { agreementId });
    return rows.map(sqliteRows.agreement);
  }

  async get(viewer: Viewer, agreementId: string, version: number): Promise<AgreementVersion | undefined> {
    const rows = this.reader.select<AgreementRow>(viewer, {
      columns: 'g.*', from: 'agreement_versions g', alias: 'g', where: ['g.agreement_id = @agreementId', 'g.version = @version'],
    }, { agreementId, version });
    return rows[0] === undefined ? undefined : sqliteRows.agreement(rows[0]);
  }

  async latest(viewer: Viewer, agreementId: string): Promise<AgreementVersion | undefined> {
    const rows = this.reader.select<AgreementRow>(viewer, {
      columns: 'g.*', from: 'agreement_versions g', alias: 'g', where: ['g.agreement_id = @agreementId'],
      orderBy: 'g.version DESC', limit: 1,
    }, { agreementId });
    return rows[0] === undefined ? undefined : sqliteRows.agreement(rows[0]);
  }
}
