import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredAlert } from '../../src/store/ports.js';
import { strikeCounts } from '../../src/report/build-report.js';
import { boxShare, dailyStatements, ODESA_APPROACH, TEST_AGREEMENT, TEST_REGIONS, testRegionsGeoJson } from '../helpers/attack-reports.js';
import { vigil } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/shared-data.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-statements-'));
const agreement = join(dir, 'agreement.yaml');
writeFileSync(agreement, TEST_AGREEMENT);
const places = join(dir, 'test-oblasts.geojson');
writeFileSync(places, testRegionsGeoJson());
const { csv, rows } = dailyStatements(16, 14);
const input = join(dir, 'statements.csv');
writeFileSync(input, csv);
const mapping = join(REPO_ROOT, 'mappings/daily-attack-statements.yaml');

interface AlertJson { id: string; rule: string; zone: string; start: string; end: string; entity: { id: string; party?: string }; evidence: Record<string, unknown> }

function check(extra: readonly string[] = []): { alerts: AlertJson[]; stdout: string; stderr: string; rejects: { input: string; line: number; reason: string; detail: string; text: string }[] } {
  const rejectsFile = join(dir, `rejects-${extra.length}.jsonl`);
  const r = vigil(['check', '--agreement', agreement, '--mapping', mapping, '--places', places, '--rejects', rejectsFile, ...extra, input]);
  assert.equal(r.status, 0, r.stderr);
  const rejects = readFileSync(rejectsFile, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { input: string; line: number; reason: string; detail: string; text: string });
  return { alerts: r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as AlertJson), stdout: r.stdout, stderr: r.stderr, rejects };
}

const run = check();

test('every statement row is imported, merged as a duplicate, or rejected with its line, a readable reason and the line', () => {
  const imported = rows.filter((r) => r.fate === 'imported');
  const duplicates = rows.filter((r) => r.fate === 'duplicate');
  const rejected = rows.filter((r) => r.fate !== 'imported' && r.fate !== 'duplicate');
  assert.ok(imported.length >= 20, `${imported.length} waves generated`);
  assert.equal(imported.length + duplicates.length + rejected.length, rows.length);
  assert.match(run.stderr, new RegExp(`statements\\.csv \\(mapped:daily-attack-statements\\): ${rows.length + 1} lines read, ${rejected.length} rejected \\([^)]*\\), ${duplicates.length} duplicate reports merged`));
  assert.match(run.stderr, new RegExp(`, ${imported.length} reports imported`));
  assert.deepEqual(run.rejects.map((r) => [r.line, r.reason]), rejected.map((r) => [r.line, r.fate]));
  for (const r of run.rejects) {
    assert.equal(r.text, rows.find((x) => x.line === r.line)!.text);
    assert.ok(r.detail.length > 10, r.detail);
  }
  const detail = (reason: string): string => run.rejects.find((r) => r.reason === reason)!.detail;
  assert.match(detail('conflicting-id'), /was read on line \d+ with different content \(launched \d+ vs \d+\); the first is kept/);
  assert.match(detail('unknown-place'), /place "Atlantis" is not in the gazetteer/);
  assert.match(detail('bad-time'), /time is empty \(column time_start\)/);
  assert.deepEqual(run.rejects.filter((r) => r.reason === 'bad-count').map((r) => r.detail), ['destroyed 12 is more than launched 10', 'launched "ten" is not a whole number ≥ 0']);
  assert.match(run.stderr, /\d+ rejected lines written to /);
});

test('region-level reports alert in the zones they lie in or overlap, with certainty and overlap share; spans in Kyiv time', () => {
  const byReport = new Map<string, AlertJson[]>();
  for (const a of run.alerts) byReport.set(a.entity.id, [...(byReport.get(a.entity.id) ?? []), a]);
  const imported = rows.filter((r) => r.fate === 'imported');
  for (const row of imported) {
    const got = byReport.get(`report:${row.id!}`) ?? [];
    assert.deepEqual(Object.fromEntries(got.map((a) => [a.zone, a.evidence['certainty']])), row.target!.alerts, `${row.id!}: ${row.target!.text}`);
    for (const a of got) {
      assert.equal(a.start, new Date(row.startIso!).toISOString(), row.text);
      assert.equal(a.end, new Date(row.endIso!).toISOString(), row.text);
      assert.equal(a.evidence['timeZone'], 'Europe/Kyiv');
      assert.equal(a.evidence['launched'], row.launched);
      assert.equal(a.evidence['destroyed'], row.destroyed);
      assert.equal(a.evidence['hit'], row.hit);
      assert.equal(a.evidence['place'], row.target!.text);
      assert.equal(a.entity.party, 'RU');
    }
  }
  const oblast = run.alerts.find((a) => a.evidence['placeId'] === 'UA-51' && a.zone === 'odesa-approach');
  assert.ok(oblast !== undefined, 'an Odesa oblast report in the sample');
  const expected = boxShare(TEST_REGIONS['UA-51']!, ODESA_APPROACH);
  assert.ok(Math.abs((oblast.evidence['overlapShare'] as number) - expected) < 0.005, `${String(oblast.evidence['overlapShare'])} vs ${expected}`);
  assert.equal(oblast.evidence['geoPrecision'], 'region');
  assert.ok(run.alerts.filter((a) => a.evidence['certainty'] === 'certain').every((a) => a.evidence['overlapShare'] === null || a.evidence['overlapShare'] === 1));
  const lviv = imported.filter((r) => !r.target!.hasArea).length;
  if (lviv > 0) assert.match(run.stderr, new RegExp(`warning: ${lviv} reports name a region the gazetteer has no area for`));
});

test('alert ids are unique, and the same input gives byte-identical alerts', () => {
  assert.equal(new Set(run.alerts.map((a) => a.id)).size, run.alerts.length);
  assert.equal(check(['--allowance', '60']).stdout, run.stdout);
});

test('weapon counts are summed per report (a report alerting in two zones counts once), in the unit they count', () => {
  const alerting = rows.filter((r) => r.fate === 'imported' && Object.keys(r.target!.alerts).length > 0);
  const sum = (k: 'launched' | 'destroyed' | 'hit'): number => alerting.reduce((s, r) => s + r[k]!, 0);
  const stored = run.alerts.map((alert) => ({ alert }) as unknown as StoredAlert);
  assert.deepEqual(strikeCounts(stored), { reports: alerting.length, launched: sum('launched'), destroyed: sum('destroyed'), hit: sum('hit'), withCounts: alerting.length });
  assert.ok(run.alerts.length > alerting.length, 'some reports alert in both zones');
});

test('without the oblast outlines, oblast reports are imported but not tested, and the summary says how many', () => {
  const r = vigil(['check', '--agreement', agreement, '--mapping', mapping, input]);
  assert.equal(r.status, 0, r.stderr);
  const alerts = r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as AlertJson);
  assert.ok(alerts.every((a) => a.evidence['placeKind'] !== 'region' && a.evidence['placeKind'] !== 'macro-region'));
  const regional = rows.filter((x) => x.fate === 'imported' && /oblast$|^Odeska$|^south$/.test(x.target!.text) && !x.target!.text.startsWith('Izmail')).length;
  assert.match(r.stderr, new RegExp(`warning: ${regional} reports name a region the gazetteer has no area for`));
});
