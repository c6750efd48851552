import type { Principal } from '../../access/roles.js';
import type { Viewer } from '../../store/ports.js';
import { parseMarking, type Marking } from '../../store/marking.js';
import { HttpError } from '../route.js';

/** The store viewer of an authenticated caller: releasability is enforced in the store's SQL. */
export function viewerOf(p: Principal | undefined): Viewer {
  if (p === undefined) throw new HttpError(401, 'authentication required');
  return { nation: p.nation };
}

export function principalOf(p: Principal | undefined): Principal {
  if (p === undefined) throw new HttpError(401, 'authentication required');
  return p;
}

/** An ISO 8601 query parameter → ms; the error names the parameter. */
export function timeParam(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new HttpError(400, `querystring/${name}: "${value}" is not an ISO 8601 time`);
  return ms;
}

/**
 * The `from` and `to` query parameters → ms (either may be absent). A range that ends before it
 * starts is a 400 naming both, never an empty answer that reads as "nothing happened".
 */
export function timeRangeParams(q: { from?: string | undefined; to?: string | undefined }): { fromMs: number | undefined; toMs: number | undefined } {
  const fromMs = timeParam(q.from, 'from');
  const toMs = timeParam(q.to, 'to');
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
    throw new HttpError(400, `querystring/from, querystring/to: from (${q.from}) is after to (${q.to})`);
  }
  return { fromMs, toMs };
}

/** `minLon,minLat,maxLon,maxLat` → bbox; the error names the parameter. */
export function bboxParam(value: string | undefined, name = 'bbox'): [number, number, number, number] | undefined {
  if (value === undefined) return undefined;
  const n = value.split(',').map(Number);
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x)) || n[0]! > n[2]! || n[1]! > n[3]!) {
    throw new HttpError(400, `querystring/${name}: "${value}" is not minLon,minLat,maxLon,maxLat`);
  }
  return n as [number, number, number, number];
}

export function markingParam(value: string | undefined, field: string): Marking | undefined {
  if (value === undefined) return undefined;
  const m = parseMarking(value);
  if (!m.ok) throw new HttpError(400, `${field}: ${m.error}`);
  return m.value;
}

/** Drops undefined values (exactOptionalPropertyTypes-friendly query objects). */
export function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}
