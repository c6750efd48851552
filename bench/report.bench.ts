/**
 * Report benchmark (issue 12: "a weekly report over the simulated week takes < 10 s"): the
 * whole `vigil report --data DIR --period weekly` process, HTML and PDF, over the seeded
 * simulated week of the report tests (test/helpers/report-week.ts) in a data directory.
 * Baseline in the same run: `vigil check` over the same week's recorded feed — the process
 * that reads the week once, the least a report over it could cost.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildTestApi } from '../test/helpers/api.js';
import { decideIncidents, ingestSimulatedWeek } from '../test/helpers/report-week.js';
import { REPO_ROOT } from '../test/helpers/shared-data.js';
import { median } from './stats.js';

const CLI = join(REPO_ROOT, 'dist/src/cli/main.js');

function seconds(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vigil ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export async function benchReport(runs = 3): Promise<Record<string, number>> {
  const api = await buildTestApi();
  const nmea = await ingestSimulatedWeek(api);
  await decideIncidents(api);
  await api.app.close();
  await api.store.close();
  try {
    const out = join(api.dataDir, 'out');
    const report = (format: string): number => seconds(['report', '--data', api.dataDir, '--agreement', join(REPO_ROOT, 'examples/black-sea/agreement.yaml'), '--period', 'weekly', '--from', '2026-03-25', '--nation', 'FRA', '--format', format, '--out', join(out, `week.${format}`)]);
    const check = (): number => seconds(['check', '--agreement', join(REPO_ROOT, 'examples/black-sea/agreement.yaml'), nmea]);
    const html: number[] = [];
    const pdf: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < runs; i++) {
      base.push(check());
      html.push(report('html'));
      pdf.push(report('pdf'));
    }
    const r = { checkS: median(base), htmlS: median(html), pdfS: median(pdf) };
    console.log(`weekly report over the simulated week (medians of ${runs}): html ${r.htmlS.toFixed(2)} s, pdf ${r.pdfS.toFixed(2)} s (target < 10 s); baseline vigil check of the week ${r.checkS.toFixed(2)} s → html ${(r.htmlS / r.checkS).toFixed(2)}×, pdf ${(r.pdfS / r.checkS).toFixed(2)}×`);
    return { ...r, htmlOverCheck: r.htmlS / r.checkS, pdfOverCheck: r.pdfS / r.checkS };
  } finally {
    rmSync(api.dataDir, { recursive: true, force: true });
  }
}
