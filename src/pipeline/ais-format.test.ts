import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { sharedDataPath } from '../../test/helpers/shared-data.js';
import { AisLineDecoder } from '../decode/ais/ais-line-decoder.js';
import type { EngineEvent } from '../core/track/observation.js';
import { simulate } from '../sim/scenario.js';
import { AIS_FORMAT, aisToEvents } from './ais-format.js';

/** Events through the format (position reports take the decoder's fast path). */
function viaFormat(lines: readonly string[]): { events: EngineEvent[]; rejected: number; untimed: number } {
  const events: EngineEvent[] = [];
  let rejected = 0;
  const d = AIS_FORMAT.create({ event: (e) => events.push(e), reject: () => rejected++ });
  for (const l of lines) d.push(l);
  d.flush();
  return { events, rejected, untimed: d.stats().rejected['no-time'] ?? 0 };
}

/** Events from whole decoded messages (no fast path). */
function viaMessages(lines: readonly string[]): { events: EngineEvent[]; rejected: number; untimed: number } {
  const events: EngineEvent[] = [];
  let rejected = 0;
  let untimed = 0;
  const d = new AisLineDecoder({
    message: (m, timeMs, source) => { if (!aisToEvents(m, timeMs, source, (e) => events.push(e))) untimed++; },
    reject: () => rejected++,
  });
  for (const l of lines) d.push(l);
  d.flush();
  return { events, rejected, untimed };
}

test('the position fast path gives exactly the events of whole decoded messages, on every real AIS log', () => {
  const dir = sharedDataPath('ais');
  let fixes = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.nmea'))) {
    const lines = readFileSync(`${dir}/${f}`, 'latin1').split('\n');
    const fast = viaFormat(lines);
    const slow = viaMessages(lines);
    assert.deepEqual(fast, slow, f);
    fixes += fast.events.filter((e) => e.kind === 'fix').length;
  }
  assert.ok(fixes > 25_000, `compared ${fixes} fixes`);
});

test('…and on simulated traffic with receiver artefacts', () => {
  const lines = [...simulate({ seed: 7, start: '2026-03-25T00:00:00Z', durationMs: 1800_000, classA: 60, classB: 20, artefacts: { duplicate: 0.05, outOfOrder: 0.01, corrupt: 0.01, truncate: 0.01 } })].map((l) => l.line);
  const fast = viaFormat(lines);
  assert.deepEqual(fast, viaMessages(lines));
  assert.ok(fast.events.length > 1000 && fast.rejected > 0, `${fast.events.length} events, ${fast.rejected} rejected`);
});
