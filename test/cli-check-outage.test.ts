/**
 * Issue 17 item 4: a receiver that stops is a coverage gap, not every ship going dark. A 2 h
 * cut out of a busy feed raises no must-transmit alert and is listed as a coverage outage;
 * the scripted ship that really goes dark while the receiver hears the others still alerts.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vigil } from './helpers/cli.js';
import { DEMO_AGREEMENT } from './helpers/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-outage-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a 2-hour receiver stop is one coverage outage with no must-transmit alerts in it; a ship that goes dark while others are heard still alerts', () => {
  const start = Date.parse('2026-03-25T00:00:00Z');
  const full = join(dir, 'full.nmea');
  const truth = join(dir, 'truth.jsonl');
  const sim = vigil(['simulate', '--seed', '11', '--duration', '8h', '--vessels', '30', '--violations', '--truth', truth, '--out', full]);
  assert.equal(sim.status, 0, sim.stderr);
  const cut = { fromMs: start + 4 * 3_600_000, toMs: start + 6 * 3_600_000 };
  const lines = readFileSync(full, 'utf8').split('\n').filter((l) => {
    const t = Number(/c:(\d+)/.exec(l)?.[1] ?? NaN) * 1000;
    return !(t >= cut.fromMs && t < cut.toMs);
  });
  const stopped = join(dir, 'stopped.nmea');
  writeFileSync(stopped, lines.join('\n'));
  const mustTransmit = (stdout: string): { entity: { id: string }; start: string }[] =>
    stdout.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { type: string; entity: { id: string }; start: string }).filter((a) => a.type === 'must-transmit');
  const before = vigil(['check', '--agreement', DEMO_AGREEMENT, full]);
  const after2 = vigil(['check', '--agreement', DEMO_AGREEMENT, stopped]);
  assert.equal(after2.status, 0, after2.stderr);
  // No ship "goes dark" because the receiver did.
  assert.deepEqual(mustTransmit(after2.stdout).map((a) => `${a.entity.id} ${a.start}`), mustTransmit(before.stdout).map((a) => `${a.entity.id} ${a.start}`));
  const outage = /coverage outages \([^)]*\): (\S+) – (\S+) \(([^)]+)\)/.exec(after2.stderr);
  assert.ok(outage !== null, after2.stderr);
  assert.ok(Math.abs(Date.parse(outage[1]!) - cut.fromMs) < 60_000 && Math.abs(Date.parse(outage[2]!) - cut.toMs) < 60_000, outage[0]);
  assert.doesNotMatch(before.stderr, /coverage outages/);
  // The scripted dark ship of the violation scenario alerts in both runs.
  const dark = readFileSync(truth, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; entity: string }).find((t) => t.type === 'must-transmit');
  assert.ok(dark !== undefined);
  assert.ok(mustTransmit(after2.stdout).some((a) => a.entity.id === dark.entity), `${dark.entity} still alerts`);
});
