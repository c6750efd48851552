import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { alertToJson } from '../../core/alert/alert.js';
import { formatAgreementError } from '../../core/agreement/agreement-error.js';
import { loadAgreementFile } from '../../config/agreement-file.js';
import { landMaskFor } from '../../geo-data/land-for-agreement.js';
import { openInputs, InputProblem } from '../../pipeline/open-inputs.js';
import { runCheck, type CheckResult } from '../../pipeline/run-check.js';
import { writeBuffered } from '../write-buffered.js';
import { writeFileSync } from 'node:fs';
import type { CompiledAgreement } from '../../core/agreement/compiled-agreement.js';
import { loadReportMappingFile } from '../../config/report-mapping-file.js';
import { MappingProblem } from '../../decode/reports/report-mapping.js';
import { loadGazetteer, PlacesFileProblem } from '../../geo-data/load-gazetteer.js';
import { mappedFormat } from '../../pipeline/mapped-format.js';

/** `vigil check --agreement FILE INPUT…` (SPEC "CLI"). */
export const checkCommand: CliCommand = {
  name: 'check',
  args: '<inputs...>',
  summary: 'run an agreement\'s detectors over recorded inputs; alerts as JSON Lines on stdout',
  configure(cmd) {
    cmd.requiredOption('--agreement <file>', 'agreement YAML file')
      .option('--format <name>', 'input format instead of detecting it from content')
      .option('--allowance <seconds>', 'out-of-order allowance per input', '60')
      .option('--no-land', 'do not load the land mask (no "fix on land" checks)')
      .option('--start <time>', 'for recordings without times: the time of the first line (ISO 8601); lines without a time are then placed at --rate')
      .option('--rate <lines/s>', 'with --start: lines per second of the recording', '100')
      .option('--mapping <file>', 'read every input as CSV incident reports through this YAML mapping file (see docs/formats.md; mappings/ has ACLED and daily attack statements)')
      .option('--places <file>', 'more places for reports located by name: a GeoJSON FeatureCollection (e.g. Natural Earth admin-1 for oblast areas)')
      .option('--rejects <file>', 'write every rejected line as JSON Lines: input, line number, reason, detail, the line')
      .action(async (paths: string[], opts: { agreement: string; format?: string; allowance: string; land: boolean; start?: string; rate: string; mapping?: string; places?: string; rejects?: string }) => {
        const loaded = loadAgreementFile(opts.agreement);
        if (!loaded.ok) throw new CliError(`invalid agreement:\n${loaded.errors.map(formatAgreementError).join('\n')}`, 2);
        const allowance = Number(opts.allowance);
        if (!(allowance >= 0)) throw new CliError(`--allowance "${opts.allowance}" is not a number of seconds`, 2);
        if (opts.mapping !== undefined && opts.format !== undefined) throw new CliError('--mapping and --format exclude each other: a mapping reads its inputs as CSV reports', 2);
        let result: CheckResult;
        const rejects: string[] = [];
        let unlocated = 0;
        try {
          const mapped = opts.mapping !== undefined ? mappedFormat(loadReportMappingFile(opts.mapping)) : undefined;
          const places = loadGazetteer(opts.places);
          const inputs = await openInputs(paths, opts.format, mapped);
          const clock = assumedClock(opts.start, opts.rate);
          if (clock !== undefined) for (const i of inputs) i.assumedClock = clock;
          result = await runCheck(loaded.value, inputs, {
            allowanceMs: allowance * 1000,
            ...(opts.land ? { landMask: landMaskFor(loaded.value) } : {}),
            places,
            onEvent: (e) => {
              if (e.kind === 'report' && typeof e.report['placeId'] === 'string' && e.report['placeKind'] !== 'town' && !places.hasArea(e.report['placeId'])) unlocated++;
            },
            onRestart: () => {
              rejects.length = 0;
              unlocated = 0;
            },
            ...(opts.rejects !== undefined ? { onReject: (k: number, line: number, reason: string, detail: string, text: string) => { rejects.push(JSON.stringify({ input: inputs[k]!.name, line, reason, detail, text })); } } : {}),
          });
        } catch (e) {
          if (e instanceof InputProblem || e instanceof MappingProblem || e instanceof PlacesFileProblem) throw new CliError(e.message, 2);
          throw e;
        }
        if (opts.rejects !== undefined) {
          try {
            writeFileSync(opts.rejects, rejects.length > 0 ? rejects.join('\n') + '\n' : '');
          } catch (e) {
            throw new CliError(`--rejects ${opts.rejects}: ${(e as Error).message}`, 2);
          }
        }
        const out = writeBuffered(process.stdout);
        for (const a of result.alerts) out.write(alertToJson(a) + '\n');
        await out.end();
        process.stderr.write(formatSummary(result));
        process.stderr.write(formatReportNotes(result, loaded.value, unlocated, opts.rejects !== undefined ? rejects.length : undefined, opts.rejects));
        if (opts.start !== undefined) process.stderr.write(`times assumed for lines without one: the first line at ${new Date(Date.parse(opts.start)).toISOString()}, ${opts.rate} lines/s; alerts about entities seen so say "timesAssumed": true\n`);
      });
  },
};

/** `--start T --rate R` → the assumed clock, or undefined without --start. */
function assumedClock(start: string | undefined, rate: string): { startMs: number; linesPerS: number } | undefined {
  if (start === undefined) return undefined;
  const startMs = Date.parse(start);
  if (Number.isNaN(startMs) || !/(Z|[+-]\d{2}:?\d{2})$/.test(start)) throw new CliError(`--start "${start}" is not an ISO 8601 time with its zone (2026-03-25T00:00:00Z)`, 2);
  const linesPerS = Number(rate);
  if (!(linesPerS > 0 && Number.isFinite(linesPerS))) throw new CliError(`--rate "${rate}" is not a positive number of lines per second`, 2);
  return { startMs, linesPerS };
}

function formatSummary(r: CheckResult): string {
  const lines: string[] = [];
  for (const i of r.inputs) {
    const rej = Object.entries(i.rejected).sort(([a], [b]) => a.localeCompare(b));
    const total = rej.reduce((s, [, n]) => s + n, 0);
    lines.push(`${i.name} (${i.format}): ${i.lines} lines read, ${total} rejected${total ? ` (${rej.map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}${i.duplicates ? `, ${i.duplicates} duplicate reports merged (same id, same content)` : ''}${i.sorted ? '; not in time order: sorted in full before detection' : ''}${i.late ? `; ${i.late} events dropped as late (more than the allowance behind; stdin cannot be read again to sort)` : ''}`);
  }
  const byRule = new Map<string, number>();
  for (const a of r.alerts) byRule.set(`${a.rule} ${a.type}`, (byRule.get(`${a.rule} ${a.type}`) ?? 0) + 1);
  const e = r.engine;
  const reportsSeen = e.reports + e.reportsOutsidePeriod + e.duplicateReports + e.conflictingReports;
  lines.push(`${e.fixes} fixes, ${e.tracks} tracks, ${e.duplicateFixes} duplicate fixes merged${reportsSeen > 0 ? `, ${e.reports} reports imported` : ''}${e.duplicateReports > 0 ? `, ${e.duplicateReports} duplicate reports merged across inputs` : ''}${e.conflictingReports > 0 ? `, ${e.conflictingReports} reports ignored: their id came first with other content in another input` : ''}`);
  const minutes = (ms: number): string => (ms >= 3_600_000 ? `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min` : `${Math.round(ms / 60_000)} min`);
  if (r.outages.length > 0) {
    lines.push(`coverage outages (no data at all after busy traffic; silences there are not counted): ${r.outages.map(([a, b]) => `${new Date(a).toISOString()} – ${new Date(b).toISOString()} (${minutes(b - a)})`).join(', ')}`);
  }
  lines.push(`alerts: ${r.alerts.length}${byRule.size ? ` (${[...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''}`);
  return lines.join('\n') + '\n';
}

/** Warnings about reports and the period: events outside it, regions without an area, where the rejects went. */
function formatReportNotes(r: CheckResult, agreement: CompiledAgreement, unlocated: number, rejects: number | undefined, rejectsFile: string | undefined): string {
  const lines: string[] = [];
  const outside = r.engine.outsidePeriod + r.engine.reportsOutsidePeriod;
  if (outside > 0) {
    const period = `from ${new Date(agreement.effectiveFromMs).toISOString()}${agreement.effectiveUntilMs !== null ? ` until ${new Date(agreement.effectiveUntilMs).toISOString()}` : ''}`;
    lines.push(`warning: ${outside} events outside the agreement's effective period (${period}) were not checked (${r.engine.outsidePeriod} fixes, ${r.engine.reportsOutsidePeriod} reports)`);
  }
  if (unlocated > 0) lines.push(`warning: ${unlocated} reports name a region the gazetteer has no area for: not tested against zones (give its outline with --places FILE, e.g. Natural Earth admin-1)`);
  if (rejects !== undefined) lines.push(`${rejects} rejected lines written to ${rejectsFile}`);
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
