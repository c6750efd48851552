import type { AgreementRepository, AgreementVersion, AgreementVersionInput, Viewer } from '../ports.js';
import { agreementSha256, assertSameAgreementText } from '../sql/record-writes.js';
import type { AgreementColumns } from '../sql/row-mappers.js';
import { type PgReader, type PgReleasabilityRow, pgMarkingColumns, pgRows, type PgWriter } from './pg-reader.js';

type AgreementRow = AgreementColumns & PgReleasabilityRow;

/** Every loaded version of every agreement, with the SHA-256 of its text. */
export class PgAgreementRepository implements AgreementRepository {
  constructor(private readonly reader: PgReader, private readonly writer: PgWriter) {}

  async add(row: AgreementVersionInput): Promise<AgreementVersion> {
    const sha256 = agreementSha256(row);
    const m = pgMarkingColumns(row);
    return this.writer.transaction(async (q): Promise<AgreementVersion> => {
      // Insert-or-nothing first, so two workers loading one version at once do not both fail.
      const inserted = await q(`INSERT INTO agreement_versions (agreement_id, version, yaml, sha256, loaded_ms, originator, marking, releasable_to)
        VALUES (@agreementId, @version, @yaml, @sha256, @loadedMs, @originator, @marking, @releasableTo)
        ON CONFLICT (agreement_id, version) DO NOTHING RETURNING version`,
      { agreementId: row.agreementId, version: row.version, yaml: row.yaml, sha256, loadedMs: row.loadedMs, ...m });
      if (inserted.length > 0) return { ...row, sha256 };
      const [prev] = await q<AgreementRow>('SELECT * FROM agreement_versions WHERE agreement_id = @agreementId AND version = @version',
        { agreementId: row.agreementId, version: row.version });
      if (prev === undefined) throw new Error(`agreement ${row.agreementId} version ${row.version} vanished while being added`);
      assertSameAgreementText(row, prev.sha256, sha256);
      return pgRows.agreement(prev);
    });
  }

  async list(viewer: Viewer, agreementId?: string): Promise<AgreementVersion[]> {
    const rows = await this.reader.select<AgreementRow>(viewer, {
      columns: 'g.*', from: 'agreement_versions g', alias: 'g',
      where: agreementId === undefined ? [] : ['g.agreement_id = @agreementId'], orderBy: 'g.agreement_id, g.version',
    }, agreementId === undefined ? {} : { agreementId });
    return rows.map(pgRows.agreement);
  }

  async get(viewer: Viewer, agreementId: string, version: number): Promise<AgreementVersion | undefined> {
    const rows = await this.reader.select<AgreementRow>(viewer, {
      columns: 'g.*', from: 'agreement_versions g', alias: 'g', where: ['g.agreement_id = @agreementId', 'g.version = @version'],
    }, { agreementId, version });
    return rows[0] === undefined ? undefined : pgRows.agreement(rows[0]);
  }

  async latest(viewer: Viewer, agreementId: string): Promise<AgreementVersion | undefined> {
    const rows = await this.reader.select<AgreementRow>(viewer, {
      columns: 'g.*', from: 'agreement_versions g', alias: 'g', where: ['g.agreement_id = @agreementId'],
      orderBy: 'g.version DESC', limit: 1,
    }, { agreementId });
    return rows[0] === undefined ? undefined : pgRows.agreement(rows[0]);
  }
}
