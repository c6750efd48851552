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
import { pacedBatches, pacedLines } from './paced-lines.js';
import { splitLines, splitLinesAt } from './split-lines.js';
import { tcpChunks } from './tcp-client.js';
import { udpChunks } from './udp-listener.js';

export interface FeedContext {
  signal: AbortSignal;
  agreement: CompiledAgreement;
  landMask: LandMask | undefined;
  /** Connection state changes, for the feed's status. */
  status(state: string, detail?: string): void;
  /** Input the feed had to drop for want of room (UDP: datagrams), as a running total. */
  dropped?(total: number): void;
  /**
   * File feeds: begin at this byte of the input (a persisted offset: see `LineBatch.ends`);
   * lines ending at or before `paceFrom` come at once, unpaced (a restart catching up to where
   * it had read). The first pass of a looping file only.
   */
  resume?: { offset: number; paceFrom?: number };
}

/** Lines of a feed as they come, in batches. */
export interface LineBatch {
  lines: string[];
  /**
   * File feeds: the byte position just after each line (newline included) in the input as read
   * (after gunzip); `FeedContext.resume` starts there again. Absent for sockets and the
   * simulator, which cannot be resumed.
   */
  ends?: number[];
}

type Source<K extends FeedConfig['kind']> = (cfg: Extract<FeedConfig, { kind: K }>, ctx: FeedContext) => AsyncIterable<LineBatch>;

async function* fileLines(cfg: Extract<FeedConfig, { kind: 'file' }>, ctx: FeedContext): AsyncGenerator<LineBatch> {
  let resume = ctx.resume;
  do {
    ctx.status('up');
    const start = resume?.offset ?? 0;
    const paceFrom = resume?.paceFrom ?? -1;
    resume = undefined;
    const lines: { timeMs: number; line: string; end: number }[] = [];
    for await (const batch of splitLinesAt(await openInput(cfg.path, { start }), start)) {
      for (let i = 0; i < batch.lines.length; i++) lines.push({ timeMs: lineTime(batch.lines[i]!) ?? 0, line: batch.lines[i]!, end: batch.ends[i]! });
    }
    // Replay pace follows the recording's own line times where it has them.
    let last = 0;
    for (const l of lines) {
      if (l.timeMs === 0) l.timeMs = last;
      last = l.timeMs;
    }
    const paced = pacedBatches(lines, ctx.signal, { speed: cfg.speed, ...(paceFrom > start ? { unpaced: (l: { end: number }) => l.end <= paceFrom } : {}) });
    for await (const batch of paced) yield { lines: batch.map((l) => l.line), ends: batch.map((l) => l.end) };
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

async function* asBatches(lines: AsyncIterable<string[]>): AsyncGenerator<LineBatch> {
  for await (const l of lines) yield { lines: l };
}

function simulatorLines(cfg: Extract<FeedConfig, { kind: 'simulator' }>, ctx: FeedContext): AsyncIterable<LineBatch> {
  return asBatches(simulatorLineSource(cfg, ctx));
}

function simulatorLineSource(cfg: Extract<FeedConfig, { kind: 'simulator' }>, ctx: FeedContext): AsyncIterable<string[]> {
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
  tcp: (cfg, ctx) => asBatches(splitLines(tcpChunks({ host: cfg.host, port: cfg.port, onStatus: (s) => ctx.status(s.state === 'connected' ? 'up' : 'down', s.state === 'disconnected' ? `${s.reason}; retry in ${s.retryInMs} ms` : undefined) }, ctx.signal))),
  udp: (cfg, ctx) => asBatches(splitLines(udpChunks({
    port: cfg.port, host: cfg.host, maxQueued: cfg.queue, onListening: () => ctx.status('up'), ...(ctx.dropped ? { onDrop: ctx.dropped } : {}),
  }, ctx.signal))),
  file: fileLines,
  simulator: simulatorLines,
};

/** A feed's lines in batches, with their positions where the feed has them (files). */
export function feedBatches(cfg: FeedConfig, ctx: FeedContext): AsyncIterable<LineBatch> {
  return (FEED_SOURCES[cfg.kind] as Source<FeedConfig['kind']>)(cfg, ctx);
}

/** A feed's lines in batches. */
export async function* feedLines(cfg: FeedConfig, ctx: FeedContext): AsyncGenerator<string[]> {
  for await (const b of feedBatches(cfg, ctx)) yield b.lines;
}
