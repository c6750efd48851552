/**
 * A small XML well-formedness check for the SVGs Vigil writes (elements, attributes,
 * character and entity references, comments; no DTDs, CDATA or processing instructions,
 * which they never contain). Tests use it without a browser; it also guards anything that
 * embeds an SVG into a report. Returns the first problem found, or null.
 * @example wellFormedXmlError('<svg><g></svg>') // 'closing </svg> but <g> is open (offset 8)'
 */
export function wellFormedXmlError(xml: string): string | null {
  const open: string[] = [];
  let roots = 0;
  let i = 0;
  const name = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
  const space = /\s*/y;
  const attr = /\s+([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("[^"<]*"|'[^'<]*')/y;
  const match = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i;
    const m = re.exec(xml);
    if (m) i = re.lastIndex;
    return m;
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    const bad = textError(text, open.length === 0);
    if (bad !== null) return `${bad} (offset ${i})`;
    if (lt < 0) break;
    i = lt + 1;
    if (xml.startsWith('!--', i)) {
      const end = xml.indexOf('-->', i + 3);
      if (end < 0) return `unterminated comment (offset ${lt})`;
      i = end + 3;
      continue;
    }
    if (xml[i] === '/') {
      i++;
      const m = match(name);
      const top = open.pop();
      if (!m || top !== m[0]) return `closing </${m?.[0] ?? '?'}> but ${top === undefined ? 'nothing' : `<${top}>`} is open (offset ${lt})`;
      match(space);
      if (xml[i] !== '>') return `bad closing tag (offset ${lt})`;
      i++;
      continue;
    }
    const m = match(name);
    if (!m) return `bad tag name (offset ${lt})`;
    const seen = new Set<string>();
    for (let a = match(attr); a; a = match(attr)) {
      if (seen.has(a[1]!)) return `duplicate attribute ${a[1]} (offset ${lt})`;
      seen.add(a[1]!);
      const bad = textError(a[2]!.slice(1, -1), false);
      if (bad !== null) return `${bad} in attribute ${a[1]} (offset ${lt})`;
    }
    match(space);
    if (open.length === 0) roots++;
    if (roots > 1) return `more than one root element (offset ${lt})`;
    if (xml.startsWith('/>', i)) i += 2;
    else if (xml[i] === '>') {
      i++;
      open.push(m[0]);
    } else return `bad attribute or unterminated tag <${m[0]}> (offset ${lt})`;
  }
  if (open.length > 0) return `unclosed <${open[open.length - 1]}>`;
  return roots === 1 ? null : 'no root element';
}

/** Checks character data: `&` only as a reference, no control characters, only whitespace outside the root. */
function textError(text: string, outside: boolean): string | null {
  if (outside && text.trim() !== '') return 'text outside the root element';
  const refs = text.match(/&[^;]*;?/g) ?? [];
  for (const r of refs) if (!/^&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);$/.test(r)) return `bad reference ${JSON.stringify(r.slice(0, 12))}`;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return 'control character';
  return null;
}
