/** `Ns`, `Nm` or `Nh` (N a non-negative number, decimals allowed), as in the SPEC. */
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(s|m|h)$/;

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses an agreement duration to milliseconds.
 *
 * @param text `Ns`, `Nm` or `Nh`
 * @returns milliseconds, or undefined when the text is not a duration
 * @example
 * parseDurationMs('30m'); // 1_800_000
 */
export function parseDurationMs(text: string): number | undefined {
  const m = DURATION_PATTERN.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (UNIT_MS[m[2] as string] as number));
}

/**
 * Formats milliseconds as the shortest exact agreement duration.
 *
 * @example
 * formatDuration(1_800_000); // '30m'
 * formatDuration(5_400_000); // '90m'
 */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}
