/**
 * RFC 4180 CSV records from lines: fields separated by commas, optionally quoted with `"`,
 * a quote inside a quoted field doubled (`""`), and a quoted field may span lines (ACLED
 * `notes` sometimes do). Lines arrive without their terminator; a record that continues
 * over a line break gets the `\n` back inside its field.
 *
 * Spec: https://www.rfc-editor.org/rfc/rfc4180#section-2
 */

/** Result of pushing one line. */
export type CsvPush =
  | { kind: 'record'; fields: string[]; lines: string[] }
  | { kind: 'pending' }
  | { kind: 'error'; reason: 'bad-csv'; detail: string; lines: string[] };

/**
 * A record may span at most this many lines (notes of a few paragraphs), and this many
 * characters: beyond either, an unclosed quote is a broken file, not a long note.
 */
export const MAX_RECORD_LINES = 64;
export const MAX_RECORD_CHARS = 65_536;

/**
 * Joins lines into CSV records, holding the lines of a record whose quoted field is still open.
 *
 * @example
 * const a = new CsvRecordAssembler();
 * a.push('1,"a, b"'); // → { kind: 'record', fields: ['1', 'a, b'], lines: ['1,"a, b"'] }
 */
export class CsvRecordAssembler {
  private held: string[] = [];
  private heldChars = 0;

  /** Lines currently held in an open record. */
  get heldLines(): number {
    return this.held.length;
  }

  push(line: string): CsvPush {
    this.held.push(line);
    this.heldChars += line.length + 1;
    const text = this.held.length === 1 ? line : this.held.join('\n');
    const parsed = splitCsv(text);
    if (parsed === undefined) {
      if (this.held.length < MAX_RECORD_LINES && this.heldChars < MAX_RECORD_CHARS) return { kind: 'pending' };
      return this.fail(`quoted field still open after ${this.held.length} lines`);
    }
    if (typeof parsed === 'string') return this.fail(parsed);
    const lines = this.held;
    this.held = [];
    this.heldChars = 0;
    return { kind: 'record', fields: parsed, lines };
  }

  /** End of input: a record still open is an error. */
  flush(): CsvPush | undefined {
    if (this.held.length === 0) return undefined;
    return this.fail('input ended inside a quoted field');
  }

  private fail(detail: string): CsvPush {
    const lines = this.held;
    this.held = [];
    this.heldChars = 0;
    return { kind: 'error', reason: 'bad-csv', detail, lines };
  }
}

/**
 * Splits one CSV record. Returns the fields, `undefined` when a quoted field is not closed
 * (the record continues on the next line), or a message when the text is not CSV (a
 * character after a closing quote other than a comma).
 */
export function splitCsv(text: string): string[] | string | undefined {
  const fields: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (i < n && text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return undefined;
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return fields;
      if (text.charCodeAt(i) !== 44) return `character "${text[i]}" after a closing quote at column ${i + 1}`;
      i++;
    } else {
      const comma = text.indexOf(',', i);
      if (comma < 0) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}
