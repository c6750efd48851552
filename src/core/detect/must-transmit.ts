import type { CompiledRule } from '../agreement/compiled-agreement.js';
import type { Track } from '../track/track.js';
import { inZone, ruleZones, type DetectContext, type Detector, type OpenAlert } from './detector.js';

interface LastInside {
  track: Track;
  timeMs: number;
  lon: number;
  lat: number;
  zone: number;
}

/**
 * `must-transmit`, SPEC "Agreement file":
 * 1. a matching entity whose last fix was inside a zone and that stays silent for more
 *    than `maxGap` raises an alert;
 * 2. start = that last fix; end = its next fix (anywhere), null while still silent;
 * 3. the silence is measured in event time — the newest time of any feed — less the coverage
 *    outages in it (minutes in which no sensor heard anything although many tracks had been
 *    reporting): a feed that stops altogether is an outage, not a fleet going dark.
 */
export function createMustTransmit(rule: Extract<CompiledRule, { type: 'must-transmit' }>, ctx: DetectContext): Detector {
  const zones = ruleZones(rule, ctx.agreement);
  const maxGapMs = rule.params.maxGapMs;
  const lastInside = new Map<string, LastInside>();
  const silent = new Map<string, OpenAlert>();
  const openGap = (l: LastInside): OpenAlert => ctx.open(rule, {
    track: l.track, zone: zones[l.zone] ?? null, startMs: l.timeMs, lon: l.lon, lat: l.lat, evidence: { maxGapMinutes: maxGapMs / 60000 },
  });
  const finishGap = (a: OpenAlert, endMs: number, startMs: number): void => {
    a.alert.evidence.gapMinutes = Math.round((endMs - startMs) / 6000) / 10;
    ctx.close(a, endMs);
  };
  return {
    zoneScoped: true,
    onFix({ track, fix }) {
      const id = track.id;
      const gap = silent.get(id);
      const last = lastInside.get(id);
      if (gap !== undefined) {
        finishGap(gap, fix.timeMs, gap.startMs);
        silent.delete(id);
      } else if (last !== undefined && fix.timeMs - last.timeMs > maxGapMs && ctx.silentMs(last.timeMs, fix.timeMs) > maxGapMs) {
        finishGap(openGap(last), fix.timeMs, last.timeMs);
      }
      let inside = -1;
      for (let zi = 0; zi < zones.length && inside < 0; zi++) if (inZone(track, zones[zi]!)) inside = zi;
      // Held while the last fix was inside: its next fix ends a silence wherever it is.
      ctx.hold(track, rule, inside >= 0);
      if (inside < 0) lastInside.delete(id);
      else if (last === undefined) lastInside.set(id, { track, timeMs: fix.timeMs, lon: fix.lon, lat: fix.lat, zone: inside });
      else {
        last.timeMs = fix.timeMs;
        last.lon = fix.lon;
        last.lat = fix.lat;
        last.zone = inside;
      }
    },
    onTick(nowMs) {
      for (const [id, last] of lastInside) {
        if (nowMs - last.timeMs <= maxGapMs || silent.has(id) || ctx.silentMs(last.timeMs, nowMs) <= maxGapMs) continue;
        silent.set(id, openGap(last));
      }
    },
  };
}
