/**
 * Partitioning of the event stream by entity (docs/scale-out.md): every event of an entity
 * goes to one partition, so one worker holds all of that entity's track state.
 */
import { stableHash64 } from '../core/alert/alert.js';

/** Stream that holds the events and the ingest watermarks. */
export const EVENTS_STREAM = 'VIGIL_EVENTS';
/** Subject of partition `k`'s events. */
export const eventSubject = (k: number): string => `vigil.events.${k}`;
/** Subjects of every partition's events (a pair worker's filter). */
export const ALL_EVENTS = 'vigil.events.*';
/** Subject of one ingest's watermark (its feed clocks). */
export const watermarkSubject = (ingestId: string): string => `vigil.watermark.${ingestId}`;
/** Subjects of the stream: events by partition, watermarks by ingest. */
export const STREAM_SUBJECTS = [ALL_EVENTS, 'vigil.watermark.*'] as const;
export const DEFAULT_PARTITIONS = 8;

/** 32-bit FNV-1a of a string (as `entityRank` and `alertId`), unsigned. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Partition of an entity among `n`: FNV-1a of its id mod n. Depends only on the id and n, so
 * every ingest sends an entity's events to the same worker.
 * @example partitionOf('mmsi:273123456', 8) // → a number in 0..7, the same on every node
 */
export function partitionOf(entityId: string, n: number): number {
  return fnv1a32(entityId) % n;
}

/**
 * `Nats-Msg-Id` of an event: a 64-bit FNV-1a (two lanes) of feed, line number, line content,
 * the event's index within the line, entity and time. The same input published again gives
 * the same ids, and JetStream's duplicate window stores each event once.
 */
export function eventMsgId(feed: string, lineNo: number, line: string, indexInLine: number, entityId: string, timeMs: number): string {
  return stableHash64([feed, lineNo, line, indexInLine, entityId, timeMs]);
}

/** Parses `K/N` (`--partition 2/8`). */
export function parsePartition(text: string): { ok: true; value: { k: number; n: number } } | { ok: false; error: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return { ok: false, error: `--partition "${text}" is not K/N (e.g. 0/8)` };
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (!(n >= 1 && k < n)) return { ok: false, error: `--partition "${text}": K must be in 0..N-1 and N at least 1` };
  return { ok: true, value: { k, n } };
}
