import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedRuntime, LivePipeline } from '../pipeline/live-pipeline.js';
import { ageSeconds } from './metric-mirrors.js';

/** A feed as an operator sees it: `connected` (up, a line within FEED_QUIET_MS), `idle` (starting, quiet, or a file read to its end), `error` (down or failed). */
export type FeedHealth = 'connected' | 'idle' | 'error';

/** An up feed that has sent nothing for this long (wall clock) counts as idle. */
export const FEED_QUIET_MS = 60_000;

export function feedHealth(f: Pick<FeedRuntime, 'state' | 'lastLineMs'>, nowMs: number): FeedHealth {
  if (f.state === 'down' || f.state === 'failed') return 'error';
  if (f.state === 'up' && f.lastLineMs !== undefined && nowMs - f.lastLineMs <= FEED_QUIET_MS) return 'connected';
  return 'idle';
}

/** Something that must be writable for the node to be ready, and why it is not (undefined: it is). */
export interface WriteCheck {
  name: string;
  check(): Promise<string | undefined>;
}

/**
 * The readiness of `vigil serve` (`GET /api/health/ready`). `public` is all a load balancer
 * sees: no feed names, paths or error texts (a feed's name can tell who feeds this node);
 * `detail` goes only to callers who may read the metrics (docs/operations.md).
 */
export interface Readiness {
  ready: boolean;
  public: { status: 'ready' | 'not-ready'; store: 'writable' | 'not-writable'; feeds: Record<FeedHealth, number> };
  detail: {
    store: { name: string; problem: string }[];
    feeds: { name: string; health: FeedHealth; state: string; detail: string | null; lastLineAgeSeconds: number | null; eventTimeLagSeconds: number | null }[];
  };
}

/**
 * Ready when every write check passes, no periodic store write of the pipeline is failing
 * (a full disk shows here first: a rolled-back probe writes nothing to it), and no feed is in
 * error. A quiet or finished feed is not an error.
 */
export async function checkReadiness(o: { checks: readonly WriteCheck[]; pipeline: LivePipeline | undefined; nowMs?: number }): Promise<Readiness> {
  const nowMs = o.nowMs ?? Date.now();
  const store: { name: string; problem: string }[] = [];
  for (const c of o.checks) {
    const problem = await c.check().catch((e: Error) => e.message);
    if (problem !== undefined) store.push({ name: c.name, problem });
  }
  for (const f of o.pipeline?.opsState().storeFailures ?? []) {
    store.push({ name: f.what, problem: `failing for ${Math.round((nowMs - f.sinceMs) / 1000)} s: ${f.message}` });
  }
  const counts: Record<FeedHealth, number> = { connected: 0, idle: 0, error: 0 };
  const feeds = (o.pipeline?.feeds ?? []).map((f) => {
    const health = feedHealth(f, nowMs);
    counts[health]++;
    const lag = (t: number | undefined): number | null => (t === undefined ? null : Math.round(ageSeconds(nowMs, t)));
    return { name: f.config.name, health, state: f.state, detail: f.detail ?? null, lastLineAgeSeconds: lag(f.lastLineMs), eventTimeLagSeconds: lag(f.lastEventTimeMs) };
  });
  const ready = store.length === 0 && counts.error === 0;
  return {
    ready,
    public: { status: ready ? 'ready' : 'not-ready', store: store.length === 0 ? 'writable' : 'not-writable', feeds: counts },
    detail: { store, feeds },
  };
}

/**
 * Writes, syncs and removes a small file in the data directory: a full disk (ENOSPC) or a
 * read-only one (EROFS, EACCES) fails here even when the database's own probe, which rolls
 * back, touches nothing on disk.
 */
export function dataDirCheck(dir: string): WriteCheck {
  const path = join(dir, '.vigil-ready-probe');
  return {
    name: `data directory ${dir}`,
    async check() {
      let fd: number | undefined;
      try {
        fd = openSync(path, 'w');
        writeSync(fd, Buffer.alloc(4096));
        fsyncSync(fd);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      } finally {
        if (fd !== undefined) closeSync(fd);
        try {
          unlinkSync(path);
        } catch {
          // nothing was created
        }
      }
    },
  };
}
