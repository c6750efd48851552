/**
 * A seeded simulated week in the API harness's store, for the report tests and the report
 * benchmark: `vigil simulate --violations` (4 background vessels), lines of an outage window
 * cut out, ingested through the live pipeline; then casework through the API.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { feedSchema } from '../../src/config/serve-config.js';
import { LivePipeline } from '../../src/pipeline/live-pipeline.js';
import type { StoredAlert } from '../../src/store/ports.js';
import type { TestApi, TestUser } from './api.js';
import { REPO_ROOT } from './shared-data.js';

export const WEEK_START = '2026-03-25T00:00:00Z';
export const WEEK_START_MS = Date.parse(WEEK_START);
export const FEED = 'black-sea-ais';

/** Simulates the week into `api.dataDir/week.nmea` without the lines of `outage`, and ingests it; returns the file. */
export async function ingestSimulatedWeek(api: TestApi, outage?: { fromMs: number; toMs: number }): Promise<string> {
  const nmea = join(api.dataDir, 'week.nmea');
  execFileSync(process.execPath, [join(REPO_ROOT, 'dist/src/cli/main.js'), 'simulate', '--seed', '7', '--start', WEEK_START, '--duration', '168h', '--vessels', '4', '--violations', '--out', nmea], { stdio: 'ignore' });
  if (outage !== undefined) {
    // Every line whose tag-block time falls in the window is gone, as when a receiver is down.
    const lines = readFileSync(nmea, 'utf8').split('\n').filter((l) => {
      const t = Number(/c:(\d+)/.exec(l)?.[1] ?? NaN) * 1000;
      return !(t >= outage.fromMs && t < outage.toMs);
    });
    writeFileSync(nmea, lines.join('\n'));
  }
  const pipeline = new LivePipeline({ agreement: api.agreement, agreementVersion: api.agreement.version, store: api.store, allowanceMs: 60_000, nation: 'FRA' });
  const feed = pipeline.addFeed(feedSchema.parse({ name: FEED, kind: 'file', path: nmea, speed: 1e7, originator: 'FRA' }));
  while (feed.state !== 'ended' && feed.state !== 'failed') await new Promise((r) => setTimeout(r, 50));
  await pipeline.stop();
  assert.equal(feed.state, 'ended', feed.detail);
  return nmea;
}

/** Casework through the API: a no-entry alert verified as a violation attributed to RU, a no-loiter alert found inconclusive. */
export async function decideIncidents(api: TestApi): Promise<void> {
  const call = async (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object): Promise<unknown> => {
    const res = await api.app.inject({ method, url, headers: { authorization: `Bearer ${user.token}` }, ...(payload !== undefined ? { payload } : {}) });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json();
  };
  const analyst = api.users.FRA.analyst;
  const verifier = api.users.FRA.verifier;
  const alerts = (await call(analyst, 'GET', `/api/alerts?from=${WEEK_START}&limit=500`)) as { items: StoredAlert[] };
  const simulated = alerts.items.filter((a) => !a.alert.id.startsWith('seed-'));
  const entry = simulated.find((a) => a.alert.type === 'no-entry');
  const loiter = simulated.find((a) => a.alert.type === 'no-loiter');
  assert.ok(entry !== undefined && loiter !== undefined, `the simulated week raises no-entry and no-loiter: ${simulated.map((a) => a.alert.type).join(', ')}`);
  const decisions = [
    [entry, { to: 'verified-violation', attributedParty: 'RU', confidence: { level: 'high', reason: 'AIS track inside the zone for an hour' } }],
    [loiter, { to: 'inconclusive', confidence: { level: 'low', reason: 'one source' } }],
  ] as const;
  for (const [a, verdict] of decisions) {
    const inc = (await call(analyst, 'POST', '/api/incidents', { title: `${a.alert.type} of ${a.alert.entity.id}`, alertIds: [a.alert.id] })) as { id: string };
    await call(analyst, 'POST', `/api/incidents/${inc.id}/transition`, { to: 'under-review' });
    await call(verifier, 'POST', `/api/incidents/${inc.id}/transition`, verdict);
  }
}
