import Flatbush from 'flatbush';
import { EARTH_RADIUS_M } from './distance.js';
import { PortIndex, type Port } from './port-index.js';

/** `[minLon, minLat, maxLon, maxLat]` in degrees. */
export type BBox = [number, number, number, number];

/** Options of {@link LandMask}. */
export interface LandMaskOptions {
  /** Keep only land inside this box (saves memory); points outside it count as at sea. */
  bbox?: BBox;
  /** Grid cell size in degrees; default keeps the grid under {@link MAX_CELLS} cells. */
  cellDeg?: number;
  /** The ports on this land's coasts: where the coastline is too coarse to trust (see {@link LandMask.ports}). */
  ports?: readonly Port[];
}

/**
 * Grid budget: 2^20 cells cost 8 MiB of offsets + 1 MiB of status. The Black Sea box
 * (16° × 9°) then gets 0.02° cells (≈ 2 km), the whole world 0.25° cells.
 */
const MAX_CELLS = 1 << 20;
const MIN_CELL_DEG = 0.02;
/** First search radius for the nearest coastline; doubled until a segment is found. */
const FIRST_SEARCH_M = 2000;
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** Sutherland–Hodgman clip of one ring against an axis-aligned rectangle. */
function clipRing(ring: readonly (readonly number[])[], b: BBox): number[][] {
  let pts: number[][] = ring.map((p) => [p[0] as number, p[1] as number]);
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (pts.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) pts.pop();
  // Each edge of the box: (axis, bound, keep when coordinate >= bound?)
  const planes: [0 | 1, number, boolean][] = [[0, b[0], true], [0, b[2], false], [1, b[1], true], [1, b[3], false]];
  for (const [axis, bound, ge] of planes) {
    if (pts.length === 0) break;
    const out: number[][] = [];
    const inside = (p: number[]): boolean => (ge ? (p[axis] as number) >= bound : (p[axis] as number) <= bound);
    let prev = pts[pts.length - 1] as number[];
    for (const cur of pts) {
      const ci = inside(cur);
      const pi = inside(prev);
      if (ci !== pi) {
        const t = (bound - (prev[axis] as number)) / ((cur[axis] as number) - (prev[axis] as number));
        const q = [
          (prev[0] as number) + t * ((cur[0] as number) - (prev[0] as number)),
          (prev[1] as number) + t * ((cur[1] as number) - (prev[1] as number)),
        ];
        q[axis] = bound;
        out.push(q);
      }
      if (ci) out.push(cur);
      prev = cur;
    }
    pts = out;
  }
  return pts;
}

/**
 * Land/sea test and depth inland, for the position-integrity detector.
 *
 * Natural Earth 10m coastlines are generalised to a few hundred metres, so a vessel moored
 * in harbour can plot "on land". The detector therefore asks how far inland a fix is and
 * only calls it on land beyond a margin (1,000 m by default).
 *
 * Build: land rings (clipped to the box) become edges; a uniform grid stores, per cell, the
 * edges touching it and whether the cell centre is on land (one scanline sweep per row).
 * Query: cells without edges answer at once; otherwise the edges crossed by the segment
 * from the point to the cell centre flip the centre's status. Depth is the distance to the
 * nearest real coastline edge (edges made by clipping are not coast), found with flatbush
 * in a neighbourhood that doubles until it holds the answer.
 *
 * @example
 * const mask = new LandMask([[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]]);
 * mask.depthInlandM(2, 2); // 0 (sea)
 * mask.depthInlandM(0.5, 0.5); // ≈ 55,600 m to the nearest shore
 */
export class LandMask {
  private readonly x0: number;
  private readonly y0: number;
  private readonly cellDeg: number;
  private readonly cols: number;
  private readonly rows: number;
  /** Edge endpoints x1, y1, x2, y2. */
  private readonly edges: Float64Array;
  private readonly cellStart: Int32Array;
  private readonly cellEdges: Int32Array;
  /** 1 when the cell centre is on land. */
  private readonly centreLand: Uint8Array;
  /** Coastline edges only (not clip edges), by index into `coastEdge`. */
  private readonly coastTree: Flatbush | null;
  private readonly coastEdge: Int32Array;
  /**
   * The ports of the coast. Natural Earth draws inner harbours, rivers and docks as land
   * (Sydney's Circular Quay plots 3 km "inland", a Brisbane river berth 5 km): near a port,
   * "on land" needs a far larger margin.
   */
  readonly ports: PortIndex;

  /**
   * @param polygons land as a list of polygons, each a list of GeoJSON rings
   *   (a MultiPolygon's `coordinates`)
   */
  constructor(polygons: readonly (readonly (readonly (readonly number[])[])[])[], options: LandMaskOptions = {}) {
    const box: BBox = options.bbox ?? [-180, -90, 180, 90];
    this.ports = new PortIndex(options.ports ?? []);
    const rings: number[][][] = [];
    for (const poly of polygons) {
      for (const ring of poly) {
        const clipped = clipRing(ring, box);
        if (clipped.length >= 3) rings.push(clipped);
      }
    }
    let nEdges = 0;
    for (const r of rings) nEdges += r.length;
    const edges = new Float64Array(nEdges * 4);
    const artificial = new Uint8Array(nEdges);
    let e = 0;
    const onSameSide = (ax: number, ay: number, bx: number, by: number): boolean =>
      (ax === box[0] && bx === box[0]) || (ax === box[2] && bx === box[2])
      || (ay === box[1] && by === box[1]) || (ay === box[3] && by === box[3]);
    for (const r of rings) {
      let prev = r[r.length - 1] as number[];
      for (const cur of r) {
        const ax = prev[0] as number, ay = prev[1] as number, bx = cur[0] as number, by = cur[1] as number;
        edges[e * 4] = ax; edges[e * 4 + 1] = ay; edges[e * 4 + 2] = bx; edges[e * 4 + 3] = by;
        artificial[e] = onSameSide(ax, ay, bx, by) ? 1 : 0;
        e++;
        prev = cur;
      }
    }
    this.edges = edges;

    const w = box[2] - box[0];
    const h = box[3] - box[1];
    const cellDeg = options.cellDeg ?? Math.max(MIN_CELL_DEG, Math.sqrt((w * h) / MAX_CELLS));
    this.x0 = box[0];
    this.y0 = box[1];
    this.cellDeg = cellDeg;
    this.cols = Math.floor(w / cellDeg) + 1;
    this.rows = Math.floor(h / cellDeg) + 1;
    const nCells = this.cols * this.rows;

    // Edges per cell (CSR), by edge bounding box: two passes, count then fill.
    const counts = new Int32Array(nCells + 1);
    const forEachCell = (i: number, fn: (cell: number) => void): void => {
      const ax = edges[i * 4] as number, ay = edges[i * 4 + 1] as number;
      const bx = edges[i * 4 + 2] as number, by = edges[i * 4 + 3] as number;
      const c0 = this.clampCol(Math.min(ax, bx)), c1 = this.clampCol(Math.max(ax, bx));
      const r0 = this.clampRow(Math.min(ay, by)), r1 = this.clampRow(Math.max(ay, by));
      for (let rr = r0; rr <= r1; rr++) for (let cc = c0; cc <= c1; cc++) fn(rr * this.cols + cc);
    };
    for (let i = 0; i < nEdges; i++) forEachCell(i, (cell) => { counts[cell + 1] = (counts[cell + 1] as number) + 1; });
    for (let c = 0; c < nCells; c++) counts[c + 1] = (counts[c + 1] as number) + (counts[c] as number);
    const fill = counts.slice(0, nCells);
    const cellEdges = new Int32Array(counts[nCells] as number);
    for (let i = 0; i < nEdges; i++) forEachCell(i, (cell) => {
      const at = fill[cell] as number;
      cellEdges[at] = i;
      fill[cell] = at + 1;
    });
    this.cellStart = counts;
    this.cellEdges = cellEdges;

    // Centre status by scanline: bucket edges by the rows whose centre line they straddle,
    // then per row sort the crossings and walk the columns.
    this.centreLand = new Uint8Array(nCells);
    const rowEdges: number[][] = Array.from({ length: this.rows }, () => []);
    for (let i = 0; i < nEdges; i++) {
      const ay = edges[i * 4 + 1] as number, by = edges[i * 4 + 3] as number;
      const lo = Math.min(ay, by), hi = Math.max(ay, by);
      const r0 = Math.max(0, Math.ceil((lo - this.y0) / cellDeg - 0.5));
      const r1 = Math.min(this.rows - 1, Math.floor((hi - this.y0) / cellDeg - 0.5));
      for (let rr = r0; rr <= r1; rr++) (rowEdges[rr] as number[]).push(i);
    }
    const xs: number[] = [];
    for (let rr = 0; rr < this.rows; rr++) {
      const y = this.y0 + (rr + 0.5) * cellDeg;
      xs.length = 0;
      for (const i of rowEdges[rr] as number[]) {
        const ax = edges[i * 4] as number, ay = edges[i * 4 + 1] as number;
        const bx = edges[i * 4 + 2] as number, by = edges[i * 4 + 3] as number;
        if ((ay > y) !== (by > y)) xs.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
      }
      xs.sort((a, b) => a - b);
      let k = 0;
      for (let cc = 0; cc < this.cols; cc++) {
        const x = this.x0 + (cc + 0.5) * cellDeg;
        while (k < xs.length && (xs[k] as number) < x) k++;
        this.centreLand[rr * this.cols + cc] = k & 1;
      }
    }

    let nCoast = 0;
    for (let i = 0; i < nEdges; i++) if (!artificial[i]) nCoast++;
    this.coastEdge = new Int32Array(nCoast);
    if (nCoast > 0) {
      const tree = new Flatbush(nCoast);
      let k = 0;
      for (let i = 0; i < nEdges; i++) {
        if (artificial[i]) continue;
        const ax = edges[i * 4] as number, ay = edges[i * 4 + 1] as number;
        const bx = edges[i * 4 + 2] as number, by = edges[i * 4 + 3] as number;
        tree.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
        this.coastEdge[k++] = i;
      }
      tree.finish();
      this.coastTree = tree;
    } else {
      this.coastTree = null;
    }
  }

  private clampCol(x: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor((x - this.x0) / this.cellDeg)));
  }

  private clampRow(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.y0) / this.cellDeg)));
  }

  /**
   * Whether `[lon, lat]` is on land (inside the mask's box; outside it, always false).
   *
   * @param lon longitude, degrees
   * @param lat latitude, degrees
   */
  isLand(lon: number, lat: number): boolean {
    const col = Math.floor((lon - this.x0) / this.cellDeg);
    const row = Math.floor((lat - this.y0) / this.cellDeg);
    if (col < 0 || row < 0 || col >= this.cols || row >= this.rows) return false;
    const cell = row * this.cols + col;
    let land = this.centreLand[cell] === 1;
    const start = this.cellStart[cell] as number;
    const end = this.cellStart[cell + 1] as number;
    if (start === end) return land;
    const cx = this.x0 + (col + 0.5) * this.cellDeg;
    const cy = this.y0 + (row + 0.5) * this.cellDeg;
    const ed = this.edges;
    for (let k = start; k < end; k++) {
      const i = this.cellEdges[k] as number;
      const ax = ed[i * 4] as number, ay = ed[i * 4 + 1] as number;
      const bx = ed[i * 4 + 2] as number, by = ed[i * 4 + 3] as number;
      // Proper crossing of point→centre with edge a→b (half-open at b, like the scanline).
      const d1 = (bx - ax) * (lat - ay) - (by - ay) * (lon - ax);
      const d2 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
      if ((d1 > 0) === (d2 > 0) || d1 === 0 || d2 === 0) continue;
      const d3 = (cx - lon) * (ay - lat) - (cy - lat) * (ax - lon);
      const d4 = (cx - lon) * (by - lat) - (cy - lat) * (bx - lon);
      if ((d3 > 0) === (d4 > 0) && d3 !== 0 && d4 !== 0) continue;
      if (d4 === 0) continue;
      land = !land;
    }
    return land;
  }

  /**
   * How far inland `[lon, lat]` lies: 0 at sea, otherwise the distance in metres to the
   * nearest coastline segment. Allocation-free at sea (the common case).
   *
   * @param lon longitude, degrees
   * @param lat latitude, degrees
   * @returns metres inland (0 at sea; Infinity if the mask has land but no coastline)
   * @example
   * landMask.depthInlandM(34.0, 45.0); // Crimea's interior: tens of kilometres
   */
  depthInlandM(lon: number, lat: number): number {
    if (!this.isLand(lon, lat)) return 0;
    return this.distanceToCoastM(lon, lat);
  }

  /** Distance in metres from a point to the nearest coastline edge (local plane). */
  distanceToCoastM(lon: number, lat: number): number {
    const tree = this.coastTree;
    if (!tree) return Infinity;
    const kx = M_PER_DEG * Math.cos((lat * Math.PI) / 180);
    const ky = M_PER_DEG;
    const ed = this.edges;
    let best = Infinity;
    for (let radius = FIRST_SEARCH_M; ; radius *= 2) {
      const dx = radius / Math.max(kx, 1);
      const dy = radius / ky;
      const hits = tree.search(lon - dx, lat - dy, lon + dx, lat + dy);
      for (const h of hits) {
        const i = this.coastEdge[h] as number;
        const ax = ((ed[i * 4] as number) - lon) * kx, ay = ((ed[i * 4 + 1] as number) - lat) * ky;
        const bx = ((ed[i * 4 + 2] as number) - lon) * kx, by = ((ed[i * 4 + 3] as number) - lat) * ky;
        const vx = bx - ax, vy = by - ay;
        const len2 = vx * vx + vy * vy;
        let t = len2 > 0 ? -(ax * vx + ay * vy) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const px = ax + t * vx, py = ay + t * vy;
        const d = Math.sqrt(px * px + py * py);
        if (d < best) best = d;
      }
      // Any edge closer than `radius` lies in the searched box, so `best` is final.
      if (best <= radius || radius > 2.1e7) return best;
    }
  }
}
