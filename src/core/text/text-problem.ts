/**
 * One rule for every identifier and display string that comes from outside (report ids,
 * evidence names, usernames, incident titles, token names, comments…): no control characters
 * (C0, DEL, C1, NUL among them), no bidirectional embeddings, overrides or isolates
 * (U+202A–U+202E, U+2066–U+2069: "Trojan Source", CVE-2021-42574, makes text read differently
 * from what it is) and no unpaired UTF-16 surrogates (SQLite and JSON encoders would
 * silently turn them into U+FFFD, so the id stored would not be the id sent). Multi-line
 * text (comments, descriptions) may keep line feeds and carriage returns, nothing else.
 *
 * @example
 * textProblem('ua-af-1') // undefined
 * textProblem('\u202eexe.pdf') // 'must not contain bidirectional control characters (U+202E at character 1)'
 * textProblem('line 1\nline 2', { multiline: true }) // undefined
 */
export function textProblem(text: string, options: { multiline?: boolean } = {}): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (options.multiline === true && (c === 0x0a || c === 0x0d)) continue;
      return `must not contain control characters (${codePoint(c)}${c === 0 ? ' NUL' : ''} at character ${i + 1}${options.multiline === true ? '; only line breaks are allowed' : ''})`;
    }
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return `must not contain bidirectional control characters (${codePoint(c)} at character ${i + 1})`;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
      return `must not contain an unpaired surrogate (${codePoint(c)} at character ${i + 1})`;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return `must not contain an unpaired surrogate (${codePoint(c)} at character ${i + 1})`;
  }
  return undefined;
}

function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}
