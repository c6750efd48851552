/**
 * Text and number formatting for the report SVGs. Every number written into an SVG goes
 * through {@link fmt} so the same input gives byte-identical output (no `1.0000000002`,
 * no `-0`), and every string through {@link escapeXml} (zone and party names come from the
 * agreement file, labels from analysts: `<`, `&` and quotes are ordinary there).
 */

/**
 * Escapes text for XML content and double-quoted attributes; drops the control characters
 * XML 1.0 forbids (a stray NUL would make the whole document unreadable).
 * @example escapeXml('A&B <"x">') // 'A&amp;B &lt;&quot;x&quot;&gt;'
 */
export function escapeXml(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[<>&"']/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' };

/**
 * A number with at most one decimal, trailing `.0` dropped, never `-0`.
 * @example fmt(12.34) // '12.3'
 * @example fmt(-0.04) // '0'
 */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`fmt: not a finite number: ${n}`);
  const tenths = Math.round(n * 10);
  return tenthsToString(tenths);
}

/** An integer count of tenths as a decimal string (`-15` → `-1.5`, `20` → `2`). */
export function tenthsToString(tenths: number): string {
  if (tenths === 0) return '0';
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  const whole = Math.floor(abs / 10);
  const frac = abs % 10;
  return frac === 0 ? `${sign}${whole}` : `${sign}${whole}.${frac}`;
}

/**
 * Approximate width of a text in a generic sans-serif font, px: 0.6 em per character is a
 * little wider than Arial/DejaVu Sans on average, so boxes sized with it do not clip text.
 */
export function textWidth(text: string, fontSizePx: number): number {
  return [...text].length * fontSizePx * 0.6;
}

/**
 * The text cut with an ellipsis to fit `maxPx` by {@link textWidth} (titles, bands and
 * chart labels hold one line).
 * @example fitText('Sevastopol naval base', 60, 10) // 'Sevastopo…' (9 characters and the ellipsis)
 */
export function fitText(text: string, maxPx: number, sizePx: number): string {
  if (textWidth(text, sizePx) <= maxPx) return text;
  const keep = Math.max(1, Math.floor(maxPx / (sizePx * 0.6)) - 1);
  return `${[...text].slice(0, keep).join('')}…`;
}

/**
 * The opening tag of a standalone SVG document: namespace, pixel size and viewBox, so it
 * renders the same in a browser, an `<img>`, a PDF engine or a Markdown viewer.
 */
export function svgOpen(width: number, height: number, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" viewBox="0 0 ${fmt(width)} ${fmt(height)}" font-family="sans-serif" role="img" aria-label="${escapeXml(label)}">`;
}
