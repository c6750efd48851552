/** Issue 17 item 6: a recording without times gets an explicit, stated clock (`--start`, `--rate`). */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vigil } from './helpers/cli.js';
import { DEMO_AGREEMENT, runScenario } from './helpers/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-clock-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('without times every line is no-time; with --start and --rate the alerts come back, marked timesAssumed, and the summary says so', async () => {
  const sc = await runScenario({ durationMs: 3 * 3600_000, classA: 10, classB: 2 }, {});
  const untimed = join(dir, 'untimed.nmea');
  // The tag blocks carry the times: without them the log is as many receivers write it.
  writeFileSync(untimed, sc.lines.map((l) => l.replace(/^\\[^\\]*\\/, '')).join('\n') + '\n');
  const bare = vigil(['check', '--agreement', DEMO_AGREEMENT, untimed]);
  assert.equal(bare.status, 0, bare.stderr);
  assert.equal(bare.stdout, '');
  assert.match(bare.stderr, /no-time \d+/);
  const rate = String(Math.round(sc.lines.length / (3 * 3600)));
  const clocked = vigil(['check', '--agreement', DEMO_AGREEMENT, '--start', '2026-03-25T00:00:00Z', '--rate', rate, untimed]);
  assert.equal(clocked.status, 0, clocked.stderr);
  assert.doesNotMatch(clocked.stderr, /no-time/);
  assert.match(clocked.stderr, /times assumed for lines without one: the first line at 2026-03-25T00:00:00\.000Z, \d+ lines\/s/);
  const alerts = clocked.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; evidence: Record<string, unknown> });
  assert.ok(alerts.some((a) => a.type === 'no-entry'), clocked.stdout.slice(0, 300));
  for (const a of alerts) assert.equal(a.evidence['timesAssumed'], true);
  const bad = vigil(['check', '--agreement', DEMO_AGREEMENT, '--start', '2026-03-25T00:00:00', untimed]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--start "2026-03-25T00:00:00" is not an ISO 8601 time with its zone/);
});
