import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import type { Principal } from '../../access/roles.js';
import { openAccess } from '../../access/open-access.js';
import { SqliteCaseService } from '../../cases/sqlite-case-service.js';
import { vigilVersion } from '../../config/vigil-version.js';
import type { CompiledAgreement } from '../../core/agreement/compiled-agreement.js';
import { landMaskFor } from '../../geo-data/land-for-agreement.js';
import { loadGazetteer } from '../../geo-data/load-gazetteer.js';
import { InputProblem, openInputs } from '../../pipeline/open-inputs.js';
import { runCheck } from '../../pipeline/run-check.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/report-document.js';
import { generateReport } from '../../report/generate-report.js';
import { resolvePeriod } from '../../report/report-period.js';
import { SqliteReportLibrary } from '../../report/sqlite-report-library.js';
import { loadOrCreateNodeKey } from '../../report/signing/node-key.js';
import { manifestName, signatureName } from '../../report/report-library.js';
import { COALITION, isNationCode } from '../../store/marking.js';
import type { ObservationInput } from '../../store/ports.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { configureReportVerify } from './report-verify.js';
import { fromDataDir, loadAgreement } from './data-dir.js';

interface ReportOptions {
  data?: string;
  agreement?: string;
  period: string;
  from?: string;
  to?: string;
  nation?: string;
  format: string;
  out?: string;
  title?: string;
  keyDir?: string;
}

/** `vigil report …` (issue 12): a signed compliance report over a data directory or recorded inputs; `vigil report verify FILE`. */
export const reportCommand: CliCommand = {
  name: 'report',
  args: '[inputs...]',
  summary: 'write a signed compliance report (daily, weekly, custom) over a data directory or recorded inputs; "report verify FILE" checks one',
  configure(cmd) {
    // `report verify` has its own --data and --key: options after "verify" are its own (the program enables positional options too).
    cmd.enablePositionalOptions();
    cmd.option('--data <dir>', 'data directory: its alerts, incidents and observations (the report is also stored there)')
      .option('--agreement <file>', 'agreement YAML (default with --data: the latest version in the store); with INPUTS: run its detectors over them')
      .option('--period <kind>', 'daily, weekly or custom', 'daily')
      .option('--from <time>', 'period start: a UTC date (2026-03-25) or an ISO 8601 time with zone')
      .option('--to <time>', 'period end (exclusive); daily/weekly without --from or --to end at the current hour')
      .option('--nation <code>', 'whose eyes the report is for (ISO 3166-1 alpha-3): it contains only what that nation may see')
      .option('--format <name>', `document format: ${REPORT_FORMATS.join(', ')}`, 'html')
      .option('--out <file>', 'document file; signature and manifest are written beside it (FILE.sig, FILE.manifest.json)')
      .option('--title <text>', 'title (default: kind, dates and agreement title)')
      .option('--key-dir <dir>', 'node signing key directory holding keys/ (default: the --data directory, else ~/.config/vigil)')
      .action(async (inputs: string[], opts: ReportOptions) => writeReport(inputs, opts));
    configureReportVerify(cmd);
  },
};

async function writeReport(paths: string[], options: ReportOptions): Promise<void> {
  // Not commander's requiredOption: the parent's required options would be demanded of `report verify` too.
  if (options.nation === undefined || options.out === undefined) throw new CliError('give --nation CODE (whose eyes the report is for) and --out FILE', 2);
  const opts = { ...options, nation: options.nation, out: options.out };
  if (!isNationCode(opts.nation)) throw new CliError(`--nation "${opts.nation}" is not an ISO 3166-1 alpha-3 code (e.g. FRA)`, 2);
  if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) throw new CliError(`--format "${opts.format}" is not one of ${REPORT_FORMATS.join(', ')}`, 2);
  if ((opts.data === undefined) === (paths.length === 0)) throw new CliError('give --data DIR, or --agreement FILE with recorded INPUTS (not both)', 2);
  const period = resolvePeriod(opts.period, opts.from, opts.to, Date.now());
  if (!period.ok) throw new CliError(period.error, 2);
  const keyDir = opts.keyDir ?? opts.data ?? join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'vigil');
  const key = loadOrCreateNodeKey(keyDir);
  const principal: Principal = { userId: 0, username: 'cli', nation: opts.nation, roles: ['viewer'], scopes: null, via: 'session' };
  const { store, dataDir, agreement, cleanup } = opts.data !== undefined ? await fromDataDir(opts.data, opts.agreement) : await fromInputs(paths, opts);
  try {
    const { audit } = openAccess(store);
    const cases = new SqliteCaseService({ store, audit, dataDir });
    const out = opts.out;
    const ext = extname(out);
    const report = await generateReport({
      store, cases, agreement, principal, period: period.value, format: opts.format as ReportFormat, key, createdBy: 'cli',
      id: `rpt-${randomUUID()}`, generatedAtMs: Date.now(), generatorVersion: vigilVersion(), baseName: basename(out, ext),
      ...(opts.title !== undefined ? { title: opts.title } : {}),
      ...(opts.data !== undefined ? { library: new SqliteReportLibrary(store), audit } : {}),
    });
    const dir = dirname(out);
    mkdirSync(dir, { recursive: true });
    const doc = report.files[0]!;
    for (const f of report.files) writeFileSync(join(dir, f.name === doc.name ? basename(out) : f.name), f.bytes);
    writeFileSync(join(dir, manifestName(basename(out))), report.manifest);
    writeFileSync(join(dir, signatureName(basename(out))), report.signature);
    const t = report.data.totals;
    process.stderr.write(`wrote ${out} (${report.data.marking}; ${t.alerts} alerts, ${t.incidents} incidents, ${t.verifiedViolations} verified violations), signed by ${key.keyId}\n`);
  } finally {
    await cleanup();
  }
}

/** Recorded inputs run through the agreement into an in-memory store: positions (for coverage and maps) and alerts. */
async function fromInputs(paths: string[], opts: ReportOptions & { nation: string }): Promise<{ store: ReturnType<typeof openSqliteStore>; dataDir: string; agreement: CompiledAgreement; cleanup: () => Promise<void> }> {
  if (opts.agreement === undefined) throw new CliError('recorded INPUTS need --agreement FILE', 2);
  const agreement = loadAgreement(opts.agreement);
  const store = openSqliteStore(':memory:');
  const rel = { originator: opts.nation, marking: COALITION };
  try {
    const inputs = await openInputs(paths, undefined);
    const names = inputs.map((i) => basename(i.name));
    // Positions for coverage and maps; a run that starts over (an input sorted) starts them over too.
    const observations: ObservationInput[] = [];
    const result = await runCheck(agreement, inputs, {
      landMask: landMaskFor(agreement),
      places: loadGazetteer(),
      onEvent: (e, k) => {
        if (e.kind === 'fix') observations.push({ entityId: e.entityId, kind: e.entityKind, timeMs: e.timeMs, lon: e.lon, lat: e.lat, feed: names[k]!, ...rel });
      },
      onRestart: () => { observations.length = 0; },
    });
    const writer = store.batchWriter();
    for (const o of observations) writer.addObservation(o);
    await writer.flush();
    await store.alerts.upsert(result.alerts.map((alert) => ({ alert, agreementId: agreement.id, agreementVersion: agreement.version, ...rel })));
  } catch (e) {
    await store.close();
    if (e instanceof InputProblem) throw new CliError(e.message, 2);
    throw e;
  }
  // Recorded inputs have no casework: the case service reads an empty evidence directory.
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-report-'));
  return { store, dataDir, agreement, cleanup: async () => { await store.close(); rmSync(dataDir, { recursive: true, force: true }); } };
}
