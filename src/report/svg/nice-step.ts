/**
 * Round numbers for map furniture: graticule spacing in degrees and scale-bar lengths in
 * km. Pure.
 */

/** Graticule steps tried, degrees, finest first. */
const GRATICULE_STEPS_DEG = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 45, 90];

/**
 * The finest graticule step whose lines are at least `minSpacingPx` apart.
 * @example graticuleStep(60, 100) // 2 (60 px per degree)
 */
export function graticuleStep(pxPerDegree: number, minSpacingPx: number): number {
  return GRATICULE_STEPS_DEG.find((s) => s * pxPerDegree >= minSpacingPx) ?? 90;
}

/** Decimals needed to write multiples of a step exactly (0.25 → 2, 2 → 0). */
export function stepDecimals(step: number): number {
  for (let d = 0; d < 6; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 6;
}

/**
 * A degree label: `30°E`, `46.5°N`, `0°` (hemisphere letters, no sign, as on charts).
 * @example degreeLabel(-0.5, 'lon', 1) // '0.5°W'
 */
export function degreeLabel(value: number, axis: 'lon' | 'lat', decimals: number): string {
  const v = Number(value.toFixed(decimals));
  if (v === 0) return '0°';
  const letter = axis === 'lon' ? (v > 0 ? 'E' : 'W') : v > 0 ? 'N' : 'S';
  return `${Math.abs(v).toFixed(decimals)}°${letter}`;
}

/**
 * The longest 1, 2 or 5 × 10ⁿ km not above `maxKm` (scale bars read best in round numbers).
 * @example niceLengthKm(73) // 50
 */
export function niceLengthKm(maxKm: number): number {
  if (!(maxKm > 0)) throw new Error(`niceLengthKm: maxKm must be positive, got ${maxKm}`);
  const p = 10 ** Math.floor(Math.log10(maxKm));
  const m = maxKm / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

/**
 * Integer axis ticks from 0 to at least `max`, at most about `maxTicks` of them, stepping by
 * 1, 2 or 5 × 10ⁿ (counts of violations are whole numbers).
 * @example integerTicks(7, 5) // [0, 2, 4, 6, 8]
 */
export function integerTicks(max: number, maxTicks: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let p = 1; ; p *= 10) {
    const s = [1, 2, 5].map((m) => m * p).find((c) => Math.ceil(top / c) + 1 <= maxTicks);
    if (s !== undefined) {
      step = s;
      break;
    }
  }
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) ticks.push(v);
  return ticks;
}
