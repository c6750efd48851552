import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { alertToJson } from '../../core/alert/alert.js';
import { formatAgreementError } from '../../core/agreement/agreement-error.js';
import { loadAgreementFile } from '../../config/agreement-file.js';
import { landMaskFor } from '../../geo-data/land-for-agreement.js';
import { openInputs, InputProblem } from '../../pipeline/open-inputs.js';
import { runCheck, type CheckResult } from '../../pipeline/run-check.js';
import { writeBuffered } from '../write-buffered.js';

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
      .action(async (paths: string[], opts: { agreement: string; format?: string; allowance: string; land: boolean; start?: string; rate: string }) => {
        const loaded = loadAgreementFile(opts.agreement);
        if (!loaded.ok) throw new CliError(`invalid agreement:\n${loaded.errors.map(formatAgreementError).join('\n')}`, 2);
        const allowance = Number(opts.allowance);
        if (!(allowance >= 0)) throw new CliError(`--allowance "${opts.allowance}" is not a number of seconds`, 2);
        let result: CheckResult;
        try {
          const inputs = await openInputs(paths, opts.format);
          const clock = assumedClock(opts.start, opts.rate);
          if (clock !== undefined) for (const i of inputs) i.assumedClock = clock;
          result = await runCheck(loaded.value, inputs, {
            allowanceMs: allowance * 1000,
            ...(opts.land ? { landMask: landMaskFor(loaded.value) } : {}),
          });
        } catch (e) {
          if (e instanceof InputProblem) throw new CliError(e.message, 2);
          throw e;
        }
        const out = writeBuffered(process.stdout);
        for (const a of result.alerts) out.write(alertToJson(a) + '\n');
        await out.end();
        process.stderr.write(formatSummary(result));
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
    lines.push(`${i.name} (${i.format}): ${i.lines} lines read, ${total} rejected${total ? ` (${rej.map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}${i.sorted ? '; not in time order: sorted in full before detection' : ''}${i.late ? `; ${i.late} events dropped as late (more than the allowance behind; stdin cannot be read again to sort)` : ''}`);
  }
  const byRule = new Map<string, number>();
  for (const a of r.alerts) byRule.set(`${a.rule} ${a.type}`, (byRule.get(`${a.rule} ${a.type}`) ?? 0) + 1);
  lines.push(`${r.engine.fixes} fixes, ${r.engine.tracks} tracks, ${r.engine.duplicateFixes} duplicate fixes merged`);
  const minutes = (ms: number): string => (ms >= 3_600_000 ? `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min` : `${Math.round(ms / 60_000)} min`);
  if (r.outages.length > 0) {
    lines.push(`coverage outages (no data at all after busy traffic; silences there are not counted): ${r.outages.map(([a, b]) => `${new Date(a).toISOString()} – ${new Date(b).toISOString()} (${minutes(b - a)})`).join(', ')}`);
  }
  lines.push(`alerts: ${r.alerts.length}${byRule.size ? ` (${[...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''}`);
  return lines.join('\n') + '\n';
}
