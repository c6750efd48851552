import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { Alert } from '../core/alert/alert.js';

/**
 * The replay window: the longest time any engine state can take to become an alert. A rule's
 * own duration (loiter, rendezvous, transmission gap), plus the sea track-lost interval (1 h:
 * a track's silence is judged against it) and 10 min for the static data (AIS type 5 every
 * 6 min) that classifies a vessel.
 */
export function replayWindowMs(a: CompiledAgreement): number {
  let longest = 0;
  for (const r of a.rules) {
    const p = r.params as { minDurationMs?: number; maxGapMs?: number };
    longest = Math.max(longest, p.minDurationMs ?? 0, p.maxGapMs ?? 0);
  }
  return longest + 60 * 60_000 + 10 * 60_000;
}

/**
 * Where a replay of the input must start to rebuild an engine's state (docs/scale-out.md
 * "Checkpoint and restart"; the live pipeline and the partition workers both keep one): the
 * time up to which everything went through the engine, less the replay window, moved back to
 * the start of every alert still open or closed after it (repeatedly: an earlier point can
 * take in more alerts). A replay from there sees every alert that can still change whole, and
 * no state older than the window can become a new alert (it would be one already).
 */
export class AlertReplayPoint {
  /** Alerts still able to move the replay point: open, or closed after it. */
  private readonly spans = new Map<string, { startMs: number; endMs: number | null }>();

  constructor(private readonly windowMs: number) {}

  /** Every alert change the engine makes (replayed ones too). */
  note(alert: Alert): void {
    this.spans.set(alert.id, { startMs: Date.parse(alert.start), endMs: alert.end === null ? null : Date.parse(alert.end) });
  }

  /** The replay point for `releasedUpToMs` (−∞ while nothing is released); forgets alerts closed before it. */
  point(releasedUpToMs: number): number {
    if (!Number.isFinite(releasedUpToMs)) return -Infinity;
    let p = releasedUpToMs - this.windowMs;
    for (let moved = true; moved;) {
      moved = false;
      for (const s of this.spans.values()) {
        if ((s.endMs === null || s.endMs >= p) && s.startMs < p) {
          p = s.startMs;
          moved = true;
        }
      }
    }
    for (const [id, s] of this.spans) if (s.endMs !== null && s.endMs < p) this.spans.delete(id);
    return p;
  }
}
