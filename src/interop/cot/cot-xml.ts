/**
 * The little XML that Cursor on Target needs, both ways: escaping for what Vigil writes, and a
 * small, strict parser for the flat documents CoT events are (an `<event>` with a `<point>`
 * and a `<detail>` of a few elements). No DTDs and no entities beyond the five predefined ones
 * and character references, so a hostile input cannot expand (no "billion laughs"), and every
 * failure is a value, never an exception (house style C.10, C.11).
 */

/** An element: its name, attributes in document order, child elements and its own text. */
export interface XmlElement {
  name: string;
  attrs: ReadonlyMap<string, string>;
  children: XmlElement[];
  /** Character data directly inside the element (CDATA included), entities decoded. */
  text: string;
}

/** Deepest nesting accepted: a CoT event is three or four levels deep; 32 leaves room for rich `<detail>`s. */
const MAX_DEPTH = 32;

/**
 * Characters XML 1.0 does not allow at all (§2.2 `Char`): C0 controls other than tab, LF and
 * CR, U+FFFE/U+FFFF, and UTF-16 surrogates that are not part of a pair. They cannot be
 * escaped either, so they are replaced by U+FFFD.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>"'\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/**
 * Escapes text for an attribute value or element content. Tab, LF and CR are written as
 * character references so that attribute-value normalisation (XML 1.0 §3.3.3) keeps them;
 * characters XML cannot carry become U+FFFD.
 *
 * @example escapeXml('A&B "C" <D>') // 'A&amp;B &quot;C&quot; &lt;D&gt;'
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(SPECIAL, (c) => ESCAPES[c]!);
}

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const SPACE = /[ \t\r\n]*/y;
const ENTITY = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));|&/g;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Why a document did not parse. */
export class XmlSyntaxError {
  constructor(readonly message: string, readonly at: number) {}
}

/**
 * Decodes the five predefined entities and character references; any other `&` is an error
 * (no DTD declares more), as is a reference to a character XML does not allow.
 */
function decodeEntities(raw: string, at: number): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(ENTITY, (m: string, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named !== undefined) return PREDEFINED[named]!;
    if (hex === undefined && dec === undefined) throw new XmlSyntaxError(`"&" that starts no known entity (only &amp; &lt; &gt; &quot; &apos; and &#…; are defined)`, at);
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
    if (!ok) throw new XmlSyntaxError(`character reference ${m} names a character XML does not allow`, at);
    return String.fromCodePoint(cp);
  });
}

/**
 * Parses one XML document holding a single root element (a declaration, comments and
 * processing instructions around it are allowed; a DOCTYPE is not).
 *
 * @example
 * parseXml('<event uid="a"><point lat="1" lon="2"/></event>')
 * // → { ok: true, value: { name: 'event', attrs: Map { uid → 'a' }, children: [{ name: 'point', … }], text: '' } }
 */
export function parseXml(doc: string): { ok: true; value: XmlElement } | { ok: false; error: string } {
  try {
    return { ok: true, value: parse(doc) };
  } catch (e) {
    if (e instanceof XmlSyntaxError) return { ok: false, error: `${e.message} (at character ${e.at})` };
    throw e;
  }
}

function parse(s: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const fail = (msg: string, at = i): never => { throw new XmlSyntaxError(msg, at); };
  const skipTo = (end: string, what: string): void => {
    const k = s.indexOf(end, i);
    if (k < 0) fail(`${what} is not closed with "${end}"`);
    i = k + end.length;
  };
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt !== i) {
      const raw = lt < 0 ? s.slice(i) : s.slice(i, lt);
      const top = stack[stack.length - 1];
      if (top !== undefined) top.text += decodeEntities(raw, i);
      else if (raw.trim() !== '') fail(`text outside the root element: "${raw.trim().slice(0, 40)}"`);
      if (lt < 0) break;
      i = lt;
    }
    if (s.startsWith('<!--', i)) { skipTo('-->', 'a comment'); continue; }
    if (s.startsWith('<?', i)) { skipTo('?>', 'a processing instruction'); continue; }
    if (s.startsWith('<![CDATA[', i)) {
      const top = stack[stack.length - 1];
      if (top === undefined) fail('CDATA outside the root element');
      const start = i + 9;
      skipTo(']]>', 'a CDATA section');
      top!.text += s.slice(start, i - 3);
      continue;
    }
    if (s.startsWith('<!', i)) fail('DOCTYPE and other declarations are not accepted');
    if (s.startsWith('</', i)) {
      i += 2;
      NAME.lastIndex = i;
      const m = NAME.exec(s);
      if (m === null) fail('an end tag without a name');
      i = NAME.lastIndex;
      SPACE.lastIndex = i;
      SPACE.exec(s);
      i = SPACE.lastIndex;
      if (s[i] !== '>') fail(`end tag </${m![0]} is not closed with ">"`);
      i++;
      const open = stack.pop();
      if (open === undefined || open.name !== m![0]) fail(`</${m![0]}> does not close ${open === undefined ? 'any open element' : `<${open.name}>`}`);
      continue;
    }
    // A start tag.
    if (root !== undefined && stack.length === 0) fail('a second root element');
    const tagAt = i;
    i++;
    NAME.lastIndex = i;
    const m = NAME.exec(s);
    if (m === null) fail('"<" that starts no element name');
    i = NAME.lastIndex;
    const el: XmlElement = { name: m![0], attrs: new Map(), children: [], text: '' };
    const attrs = el.attrs as Map<string, string>;
    for (;;) {
      SPACE.lastIndex = i;
      const sp = SPACE.exec(s)![0];
      i = SPACE.lastIndex;
      if (i >= s.length) fail(`<${el.name} is not closed`, tagAt);
      if (s.startsWith('/>', i) || s[i] === '>') break;
      if (sp === '') fail(`attributes of <${el.name}> must be separated by white space`);
      NAME.lastIndex = i;
      const a = NAME.exec(s);
      if (a === null) fail(`<${el.name}> has a malformed attribute`);
      i = NAME.lastIndex;
      SPACE.lastIndex = i;
      SPACE.exec(s);
      i = SPACE.lastIndex;
      if (s[i] !== '=') fail(`attribute ${a![0]} of <${el.name}> has no "=" and value`);
      i++;
      SPACE.lastIndex = i;
      SPACE.exec(s);
      i = SPACE.lastIndex;
      const q = s[i];
      if (q !== '"' && q !== "'") fail(`attribute ${a![0]} of <${el.name}> has an unquoted value`);
      const end = s.indexOf(q!, i + 1);
      if (end < 0) fail(`attribute ${a![0]} of <${el.name}> has an unterminated value`);
      const raw = s.slice(i + 1, end);
      if (raw.indexOf('<') >= 0) fail(`attribute ${a![0]} of <${el.name}> contains "<"`);
      if (attrs.has(a![0])) fail(`<${el.name}> repeats attribute ${a![0]}`);
      // Attribute-value normalisation (XML 1.0 §3.3.3): literal white space reads as a space.
      attrs.set(a![0], decodeEntities(raw.replace(/[\t\n\r]/g, ' '), i));
      i = end + 1;
    }
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.children.push(el);
    else root = el;
    if (s[i] === '/') {
      i += 2;
    } else {
      i++;
      if (stack.length >= MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH}`);
      stack.push(el);
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]!.name}> is not closed`, s.length);
  if (root === undefined) fail('no element', 0);
  return root!;
}

/** The first child element of that name. */
export function childOf(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}
