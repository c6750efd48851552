import type { EngineEvent } from '../core/track/observation.js';
import type { Marking } from '../store/marking.js';

/** One accepted event as published on `vigil.events.<partition>` (JSON). */
export interface EventMessage {
  /** Feed (config name) it came in on; originator and marking are the feed's. */
  feed: string;
  originator: string;
  marking: Marking;
  event: EngineEvent;
}

/**
 * One ingest's clocks, published on `vigil.watermark.<ingest>` periodically and at the end
 * of its input. `watermarkMs`: every event of this ingest at or before it has been published
 * (the ingest's reorder buffers released it; anything older that comes now is late and
 * dropped there). `last`: per partition, the stream sequence of the newest event published
 * before this message — a worker applies the watermark only once it has read that far.
 */
export interface WatermarkMessage {
  ingest: string;
  partitions: number;
  watermarkMs: number | null;
  /** Newest event time that moves the engine clock (reports do not), for the end of input. */
  endMs: number | null;
  /** True once every feed of this ingest has ended: it holds no one back any more. */
  final: boolean;
  feeds: Record<string, { releasedMs: number | null; ended: boolean; events: number; lines: number; rejected: Record<string, number> }>;
  last: Record<string, number>;
  wallMs: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const encodeJson = (v: unknown): Uint8Array => encoder.encode(JSON.stringify(v));

/** Parses a message body; undefined when it is not JSON of the expected shape (counted by the caller). */
export function decodeEventMessage(data: Uint8Array): EventMessage | undefined {
  try {
    const v = JSON.parse(decoder.decode(data)) as Partial<EventMessage>;
    const e = v.event;
    if (typeof v.feed !== 'string' || typeof v.originator !== 'string' || typeof v.marking !== 'object' || v.marking === null) return undefined;
    if (typeof e !== 'object' || e === null || typeof e.timeMs !== 'number' || typeof e.entityId !== 'string') return undefined;
    return v as EventMessage;
  } catch {
    return undefined;
  }
}

export function decodeWatermarkMessage(data: Uint8Array): WatermarkMessage | undefined {
  try {
    const v = JSON.parse(decoder.decode(data)) as Partial<WatermarkMessage>;
    if (typeof v.ingest !== 'string' || typeof v.final !== 'boolean' || typeof v.last !== 'object' || v.last === null) return undefined;
    return v as WatermarkMessage;
  } catch {
    return undefined;
  }
}
