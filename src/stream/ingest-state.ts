import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { BufferClock } from '../core/time/reorder-buffer.js';

/**
 * Where a file feed of `vigil ingest` goes on after a restart (`--state FILE`): the line to
 * read from and its reorder buffer's clock. Every event of the lines before `lineOffset` has
 * been acknowledged by JetStream, and so has every event at or before the clock's released
 * time; lines from `lineOffset` on are read again, and their events either are held again
 * (not yet published) or fall at or before the released time and are dropped as already
 * sent — so the stream gets what an uninterrupted run would have sent (message ids, which
 * count lines, are the same), and JetStream's duplicate window absorbs the rest.
 */
export interface FileFeedState {
  path: string;
  /** 1-based number of the first line to read again. */
  lineOffset: number;
  clock: BufferClock;
}

export interface IngestState {
  version: 1;
  feeds: Record<string, FileFeedState>;
}

/** Reads a state file; a missing file is an empty state, an unreadable one an error naming it. */
export function readIngestState(path: string): IngestState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, feeds: {} };
    throw e;
  }
  const v = JSON.parse(text) as Partial<IngestState>;
  if (v.version !== 1 || typeof v.feeds !== 'object' || v.feeds === null) throw new Error(`${path}: not a vigil ingest state file (version 1)`);
  return v as IngestState;
}

/** Replaces the state file atomically (write a sibling, rename over): a crash leaves the old one or the new one. */
export function writeIngestState(path: string, state: IngestState): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, path);
}
