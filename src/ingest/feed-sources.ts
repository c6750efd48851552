import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { FeedConfig } from '../config/serve-config.js';
import type { LandMask } from '../core/geo/land-mask.js';
import { simulate } from '../sim/scenario.js';
import { injectViolations } from '../sim/violations.js';
import { simulateAir } from '../sim/air/air-scenario.js';
import { injectAirViolations } from '../sim/air/air-violations.js';
import { reportLine, simulateReports } from '../sim/reports/incident-reports.js';
import { injectStrikeReports } from '../sim/reports/strike-violations.js';
import { openInput } from './open-input.js';
import { pacedLines } from './paced-lines.js';
import { splitLines } from './split-lines.js';
import { tcpChunks } from './tcp-client.js';
import { udpChunks } from './udp-listener.js';

export interface FeedContext {
  signal: AbortSignal;
  agreement: CompiledAgreement;
  landMask: LandMask | undefined;
  /** Connection state changes, for the feed's status. */
  status(state: string, detail?: string): void;
}

type Source<K extends FeedConfig['kind']> = (cfg: Extract<FeedConfig, { kind: K }>, ctx: FeedContext) => AsyncIterable<string[]>;

async function* fileLines(cfg: Extract<FeedConfig, { kind: 'file' }>, ctx: FeedContext): AsyncGenerator<string[]> {
  do {
    ctx.status('up');
    const lines: { timeMs: number; line: string }[] = [];
    for await (const batch of splitLines(await openInput(cfg.path))) for (const line of batch) lines.push({ timeMs: lineTime(line) ?? 0, line });
    // Replay pace follows the recording's own line times where it has them.
    let last = 0;
    for (const l of lines) {
      if (l.timeMs === 0) l.timeMs = last;
      last = l.timeMs;
    }
    yield* pacedLines(lines, ctx.signal, { speed: cfg.speed });
  } while (cfg.loop && !ctx.signal.aborted);
  ctx.status('ended');
}

/** Rough line time for pacing a replay (tag-block c:, or a leading ISO time); the decoder does the exact work. */
function lineTime(line: string): number | undefined {
  const c = /[\\,]c:(\d{10,13})/.exec(line);
  if (c) {
    const n = Number(c[1]);
    return n > 1e11 ? n : n * 1000;
  }
  const iso = /^(\d{4}-\d{2}-\d{2}[T ][\d:.]+Z?)/.exec(line);
  return iso ? Date.parse(iso[1]!) : undefined;
}

/** A simulated sensor runs for a week of scenario time (the generators are lazy). */
const SIMULATED_SPAN_MS = 7 * 24 * 3600_000;
/** The scripted violations repeat every 4 hours (each script runs within 3 h 40 min), for a day. */
const REPEAT_MS = 4 * 3600_000;
const REPEAT_SPAN_MS = 24 * 3600_000;

function simulatorLines(cfg: Extract<FeedConfig, { kind: 'simulator' }>, ctx: FeedContext): AsyncIterable<string[]> {
  // Start `historyHours` ago on a whole minute, so the history arrives at once and the rest in
  // real time; violations are scripted from 10 minutes into the history and every 4 h after.
  const startMs = Math.floor((Date.now() - cfg.historyHours * 3600_000) / 60_000) * 60_000;
  const start = new Date(startMs).toISOString();
  const scriptStarts: number[] = [];
  for (let t = startMs + 10 * 60_000; t < Date.now() + REPEAT_SPAN_MS; t += REPEAT_MS) scriptStarts.push(t);
  ctx.status('up');
  const pace = (lines: Iterable<{ timeMs: number; line: string }>): AsyncIterable<string[]> => pacedLines(lines, ctx.signal, { originMs: Date.now() });
  switch (cfg.stream) {
    case 'ais': {
      const mask = ctx.landMask;
      const isSea = mask ? { isSea: (lon: number, lat: number) => mask.depthInlandM(lon, lat) === 0 } : {};
      const actors = cfg.violations ? scriptStarts.flatMap((t) => injectViolations(ctx.agreement, t, isSea)) : [];
      const classA = Math.round(cfg.vessels * 0.8);
      return pace(simulate({
        seed: cfg.seed, start, durationMs: SIMULATED_SPAN_MS, classA, classB: cfg.vessels - classA, actors,
        artefacts: { duplicate: 0.03, outOfOrder: 0.005, corrupt: 0.001, truncate: 0.001 },
      }));
    }
    case 'sbs':
    case 'radar': {
      const actors = cfg.violations ? scriptStarts.flatMap((t) => injectAirViolations(ctx.agreement, t)) : [];
      const feed = cfg.stream;
      return pace(filterFeed(simulateAir({ seed: cfg.seed, start, durationMs: SIMULATED_SPAN_MS, actors }), feed));
    }
    case 'reports': {
      const injected = cfg.violations
        ? scriptStarts.flatMap((t, k) => injectStrikeReports(ctx.agreement, t).reports.map((r) => (k === 0 ? r : { ...r, id: `${r.id}-${k}` })))
        : [];
      const reports = [...simulateReports({ seed: cfg.seed, startMs, durationMs: SIMULATED_SPAN_MS }), ...injected]
        .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1));
      return pace(reports.map((r) => ({ timeMs: Date.parse(r.time), line: reportLine(r) })));
    }
  }
}

function* filterFeed(lines: Iterable<{ timeMs: number; line: string; feed: string }>, feed: string): Generator<{ timeMs: number; line: string }> {
  for (const l of lines) if (l.feed === feed) yield l;
}

/** Feed kind → line source (STYLE rule 8: a per-feed factory table). */
export const FEED_SOURCES: { [K in FeedConfig['kind']]: Source<K> } = {
  tcp: (cfg, ctx) => splitLines(tcpChunks({ host: cfg.host, port: cfg.port, onStatus: (s) => ctx.status(s.state === 'connected' ? 'up' : 'down', s.state === 'disconnected' ? `${s.reason}; retry in ${s.retryInMs} ms` : undefined) }, ctx.signal)),
  udp: (cfg, ctx) => splitLines(udpChunks({ port: cfg.port, host: cfg.host, onListening: () => ctx.status('up') }, ctx.signal)),
  file: fileLines,
  simulator: simulatorLines,
};

export function feedLines(cfg: FeedConfig, ctx: FeedContext): AsyncIterable<string[]> {
  return (FEED_SOURCES[cfg.kind] as Source<FeedConfig['kind']>)(cfg, ctx);
}
