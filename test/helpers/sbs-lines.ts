/**
 * SBS-1 (BaseStation) position lines made up for tests: each line is one fix the engine takes
 * (one aircraft per hex id, one fix every 10 s, moving east over the Black Sea), so a feed's
 * line, event and observation counts are known in advance.
 */
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function sbsTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())},${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** One `MSG,3` airborne position line. */
export function sbsPosition(hex: string, timeMs: number, lat: number, lon: number, altitudeFt = 30_000): string {
  const t = sbsTime(timeMs);
  return `MSG,3,1,1,${hex},1,${t},${t},,${altitudeFt},,,${lat.toFixed(5)},${lon.toFixed(5)},,,0,0,0,0`;
}

/** `perAircraft` fixes of each of `aircraft` aircraft (hex ids from `firstHex`), 10 s apart from `startMs`, in time order. */
export function sbsFixes(o: { aircraft: number; perAircraft: number; startMs: number; firstHex: number }): string[] {
  const lines: string[] = [];
  for (let i = 0; i < o.perAircraft; i++) {
    for (let a = 0; a < o.aircraft; a++) {
      const hex = (o.firstHex + a).toString(16).toUpperCase().padStart(6, '0');
      lines.push(sbsPosition(hex, o.startMs + i * 10_000, 43 + a * 0.05, 31 + i * 0.01));
    }
  }
  return lines;
}
