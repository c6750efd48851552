import { newAisMessage, type AisMessage } from './ais-message.js';
import { HEADER_ONLY_BITS, MESSAGE_DECODERS } from './messages/index.js';
import { KINEMATIC_TYPES, Kinematics, layoutProblem, readKinematics } from './messages/kinematics.js';
import type { RejectReason } from './reject-reason.js';
import { SixbitReader } from './sixbit-reader.js';
import { MAX_TIME_MS } from '../field-values.js';
import { parseTagBlock, readDigits, readHex2, unixToMs, type TagBlock } from './tag-block.js';

/** Receives what the decoder makes of each line. */
export interface AisSink {
  /** A complete message; `timeMs` is the line time (SPEC "Line timestamps") or undefined when no line so far had one. */
  message(msg: AisMessage, timeMs: number | undefined, source: string | undefined): void;
  /** One rejected line with its reason and a human-readable detail. */
  reject(reason: RejectReason, detail: string, line: string): void;
  /**
   * When present, receives position reports of types 1, 2, 3 and 18 instead of `message`:
   * their kinematics as numbers (NaN = not available), without building a message — the fast
   * path of the pipeline, where they are nine messages in ten. `fix` is reused for the next report.
   */
  position?(type: number, mmsi: number, fix: Readonly<Kinematics>, timeMs: number | undefined, source: string | undefined): void;
}

export interface AisDecoderOptions {
  /** Longest accepted line, characters. NMEA caps a sentence at 82; tag blocks and prefixes add some. */
  maxLineLength?: number;
  /** A fragment waits at most this many lines for the rest of its message: parts are sent in consecutive slots, and on the 470 lines/s AISHub world feed the rest always arrives within a few lines; a longer wait only risks joining a stranger's part with the same sequence id. */
  fragmentTtlLines?: number;
  /** …and at most this long in event time, ms (parts of one message are sent in consecutive slots). */
  fragmentTtlMs?: number;
  /** Bound on incomplete messages held at once; the oldest is rejected when exceeded. */
  maxPendingMessages?: number;
}

export interface AisCounters {
  lines: number;
  blank: number;
  comments: number;
  /** Lines that carry only metadata ($PGHP time stamps). */
  metadata: number;
  messages: number;
  /** Lines that became part of a decoded message (a 2-part message counts 2). */
  messageLines: number;
  rejectedLines: number;
  /** Tag blocks whose checksum did not match; the sentence itself was still verified. */
  tagBlockChecksumBad: number;
  rejected: Partial<Record<RejectReason, number>>;
}

interface PendingMessage {
  count: number;
  received: number;
  payloads: (string | undefined)[];
  fills: number[];
  lines: string[];
  firstLine: number;
  timeMs: number | undefined;
  source: string | undefined;
  /** Talker, channel, sequence id and count. */
  sequence: string;
}

const DEFAULT_MAX_LINE = 1024;
/** Tag blocks remembered (a power of two). */
const TAG_CACHE_SIZE = 64;

interface CachedTagBlock {
  /** The block's characters between the backslashes. */
  text: string;
  tag: TagBlock;
}
const DEFAULT_TTL_LINES = 100;
const DEFAULT_TTL_MS = 60_000;
const DEFAULT_MAX_PENDING = 4096;

/** AIS talker ids of IEC 61162-1 (AB, AD, AI, AN, AR, AS, AT, AX), the legacy BS and SA, EV (satellite feeds) and BY (seen on the Danish Maritime Authority network). */
const AIS_TALKERS = new Uint8Array(26 * 26);
for (const t of ['AB', 'AD', 'AI', 'AN', 'AR', 'AS', 'AT', 'AX', 'BS', 'SA', 'EV', 'BY']) AIS_TALKERS[(t.charCodeAt(0) - 65) * 26 + t.charCodeAt(1) - 65] = 1;

/** Whether the two characters at `at` are an AIS talker id. */
function isAisTalker(line: string, at: number): boolean {
  const a = line.charCodeAt(at) - 65;
  const b = line.charCodeAt(at + 1) - 65;
  return a >= 0 && a < 26 && b >= 0 && b < 26 && AIS_TALKERS[a * 26 + b] === 1;
}

const ISO_PREFIX = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Turns NMEA 0183 lines into AIS messages: tag blocks, line timestamps, checksum, multi-part
 * assembly keyed by source, talker, channel and sequence id (or tag-block group), then
 * payload decoding. Every line ends up counted: as part of a message, as metadata, blank or
 * comment, or rejected with a reason — `lines` always equals the sum of those plus `pendingLines`.
 */
export class AisLineDecoder {
  readonly counters: AisCounters = {
    lines: 0, blank: 0, comments: 0, metadata: 0, messages: 0, messageLines: 0, rejectedLines: 0, tagBlockChecksumBad: 0, rejected: {},
  };
  private readonly reader = new SixbitReader();
  private readonly kinematics = new Kinematics();
  private readonly pending = new Map<string, PendingMessage>();
  private pendingLineCount = 0;
  private lastTimeMs: number | undefined;
  /**
   * The feed's tag-block context: the block of the last line that carried one. A line without
   * a tag block belongs to it (its source, and its sentence group for assembly), as its time
   * is the time of the last line that had one: many loggers stamp only a message's first part.
   */
  private context: TagBlock | undefined;
  /** The key of the newest incomplete message by talker, channel, sequence id and count (see `continuationKey`). */
  private readonly pendingBySequence = new Map<string, string>();
  /** Recently parsed tag blocks (see `cachedTagBlock`). */
  private readonly tagCache: (CachedTagBlock | undefined)[] = new Array<CachedTagBlock | undefined>(TAG_CACHE_SIZE).fill(undefined);
  private readonly maxLineLength: number;
  private readonly ttlLines: number;
  private readonly ttlMs: number;
  private readonly maxPending: number;

  constructor(private readonly sink: AisSink, options: AisDecoderOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE;
    this.ttlLines = options.fragmentTtlLines ?? DEFAULT_TTL_LINES;
    this.ttlMs = options.fragmentTtlMs ?? DEFAULT_TTL_MS;
    this.maxPending = options.maxPendingMessages ?? DEFAULT_MAX_PENDING;
  }

  /** Lines held in incomplete multi-part messages. */
  get pendingLines(): number {
    return this.pendingLineCount;
  }

  /** Time of the last line that carried one, ms since the epoch. */
  get lastLineTimeMs(): number | undefined {
    return this.lastTimeMs;
  }

  /** Feeds one line (without its line terminator; a trailing CR is ignored). */
  push(raw: string): void {
    this.counters.lines++;
    let end = raw.length;
    while (end > 0 && (raw.charCodeAt(end - 1) === 13 || raw.charCodeAt(end - 1) === 32 || raw.charCodeAt(end - 1) === 9)) end--;
    if (end === 0) {
      this.counters.blank++;
      return;
    }
    const line = end === raw.length ? raw : raw.slice(0, end);
    if (line.length > this.maxLineLength) return this.rejectLine('line-too-long', `line has ${line.length} characters (limit ${this.maxLineLength})`, line.slice(0, 200));
    let p = 0;
    while (line.charCodeAt(p) === 32 || line.charCodeAt(p) === 9) p++;
    const first = line.charCodeAt(p);
    if (first === 35 /* # */) {
      this.counters.comments++;
      return;
    }
    let lineTimeMs: number | undefined;
    let tag: TagBlock | undefined;
    if (first !== 33 /* ! */ && first !== 36 /* $ */ && first !== 92 /* \ */) {
      const start = firstSentenceStart(line, p);
      if (start < 0 || first < 48 || first > 57) return this.rejectLine('not-nmea', 'no NMEA sentence in line', line);
      let prefixEnd = start;
      const sep = line.charCodeAt(prefixEnd - 1);
      if (sep === 32 || sep === 44 || sep === 59 || sep === 9) prefixEnd--;
      const prefix = line.slice(p, prefixEnd).trim();
      if (!ISO_PREFIX.test(prefix)) return this.rejectLine('bad-timestamp', `leading "${prefix}" is not an ISO 8601 time`, line);
      const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(prefix);
      const ms = Date.parse((hasZone ? prefix : prefix + 'Z').replace(' ', 'T'));
      if (Number.isNaN(ms)) return this.rejectLine('bad-timestamp', `leading "${prefix}" is not a valid time`, line);
      lineTimeMs = ms;
      p = start;
    }
    if (line.charCodeAt(p) === 92 /* \ */) {
      const close = line.indexOf('\\', p + 1);
      if (close < 0) return this.rejectLine('bad-tag-block', 'tag block is not closed by a backslash', line);
      const parsed = this.cachedTagBlock(line, p + 1, close);
      if (typeof parsed === 'string') return this.rejectLine('bad-tag-block', parsed, line);
      tag = parsed;
      if (!parsed.checksumOk) this.counters.tagBlockChecksumBad++;
      if (parsed.timeMs !== undefined) lineTimeMs = parsed.timeMs;
      p = close + 1;
      this.context = parsed;
      this.sentence(line, p, lineTimeMs, tag, false);
      return;
    }
    this.sentence(line, p, lineTimeMs, this.context, true);
  }

  /**
   * The parse of the tag block `line[start..end)`. Every line a receiver sends in one second
   * carries the same block, and a feed interleaves a few receivers, so blocks are kept in a
   * small cache indexed by length and checksum characters: a hit costs one string comparison
   * (measured faster than comparing in place) instead of a parse.
   */
  private cachedTagBlock(line: string, start: number, end: number): TagBlock | string {
    const len = end - start;
    const slot = (len * 31 + line.charCodeAt(end - 1) * 7 + line.charCodeAt(end - 2)) & (TAG_CACHE_SIZE - 1);
    const text = line.slice(start, end);
    const hit = this.tagCache[slot];
    if (hit !== undefined && hit.text === text) return hit.tag;
    const parsed = parseTagBlock(line, start, end);
    if (typeof parsed !== 'string') this.tagCache[slot] = { text, tag: parsed };
    return parsed;
  }

  /** End of input: incomplete multi-part messages are rejected as orphans. */
  flush(): void {
    for (const [key, pending] of this.pending) this.dropPending(key, pending, 'input ended before the message was complete');
  }

  /** `tag`: the line's own tag block, or when `inherited` the feed's context (the line has none). */
  private sentence(line: string, p: number, lineTimeMs: number | undefined, tag: TagBlock | undefined, inherited: boolean): void {
    const lead = line.charCodeAt(p);
    if (lead !== 33 && lead !== 36) return this.rejectLine('not-nmea', `expected "!" or "$" at column ${p + 1}`, line);
    if (isVdmHeader(line, p) && isAisTalker(line, p + 1) && this.onePart(line, p, lineTimeMs, tag)) return;
    const star = line.indexOf('*', p);
    if (star < 0 || star + 3 > line.length) return this.rejectLine('truncated', 'sentence has no checksum', line);
    const expected = readHex2(line, star + 1);
    if (expected < 0) return this.rejectLine('truncated', 'checksum is not two hex digits', line);
    const isVdm = star - p > 6 && isVdmHeader(line, p);
    if (!isVdm) {
      const sum = xorOf(line, p + 1, star);
      if (line.startsWith('$PGHP,', p) && sum === expected) return this.gatehouseTime(line, p, star);
      if (sum !== expected) return this.badChecksum(line, sum, star);
      return this.rejectLine('not-ais', `sentence ${line.slice(p, line.indexOf(',', p) < 0 ? star : line.indexOf(',', p))} is not AIS`, line);
    }
    if (!isAisTalker(line, p + 1)) {
      return this.rejectLine('unknown-talker', `talker "${line.slice(p + 1, p + 3)}" is not an AIS talker`, line);
    }
    // Fields: 1 count, 2 number, 3 sequence id, 4 channel, 5 payload, 6 fill bits.
    const c1 = p + 6;
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = c2 < 0 ? -1 : line.indexOf(',', c2 + 1);
    const c4 = c3 < 0 ? -1 : line.indexOf(',', c3 + 1);
    const c5 = c4 < 0 ? -1 : line.indexOf(',', c4 + 1);
    const c6 = c5 < 0 ? -1 : line.indexOf(',', c5 + 1);
    const wellFormed = c6 >= 0 && c6 < star;
    const count = wellFormed ? readDigits(line, c1 + 1, c2, 6) : -1;
    const fill = wellFormed ? readDigits(line, c6 + 1, star, 6) : -1;
    // The payload is checked against the six-bit alphabet in the same pass as its checksum.
    let badPayloadChar = false;
    let sum: number;
    if (wellFormed) {
      let payloadXor = 0;
      for (let i = c5 + 1; i < c6; i++) {
        const code = line.charCodeAt(i);
        if (code < 48 || code > 119 || (code > 87 && code < 96)) badPayloadChar = true;
        payloadXor ^= code;
      }
      sum = xorOf(line, p + 1, c5 + 1) ^ payloadXor ^ xorOf(line, c6, star);
    } else sum = xorOf(line, p + 1, star);
    if (sum !== expected) return this.badChecksum(line, sum, star);
    lineTimeMs ??= trailingTime(line, star);
    if (lineTimeMs !== undefined) this.lastTimeMs = lineTimeMs;
    if (!wellFormed) return this.rejectLine('truncated', 'sentence has fewer than 7 fields', line);
    const number = readDigits(line, c2 + 1, c3, 6);
    if (count < 1 || count > 9 || number < 1 || number > count) return this.rejectLine('bad-fragment', `fragment ${line.slice(c2 + 1, c3)} of ${line.slice(c1 + 1, c2)} is out of range`, line);
    if (fill < 0 || fill > 5) return this.rejectLine('bad-fragment', `fill bits "${line.slice(c6 + 1, star)}" not 0–5`, line);
    const source = tag?.source;
    if (badPayloadChar) return this.rejectLine('bad-payload-char', 'payload has a character outside the six-bit alphabet', line);
    if (count === 1) {
      // A one-part line that `onePart` left to this path (a field written unusually).
      this.reader.reset();
      if (!this.reader.append(line, c5 + 1, c6, fill)) return this.rejectLine('bad-payload-length', 'payload exceeds the largest AIS message', line);
      this.emit(lineTimeMs ?? this.lastTimeMs, source, line, undefined);
      return;
    }
    // A group of the context (the line before) is this line's only when it continues it.
    const group = tag?.groupId !== undefined && (!inherited || (tag.groupCount === count && tag.groupIndex < number)) ? tag : undefined;
    const sequence = `${line.slice(p + 1, p + 3)}|${line.slice(c4 + 1, c5)}|${line.slice(c3 + 1, c4)}|${count}`;
    let key = group !== undefined ? `g|${group.groupId}|${group.groupCount}` : `${source ?? ''}|${sequence}`;
    if (number > 1 && (inherited || tag?.source === undefined) && group === undefined && !this.pending.has(key)) key = this.continuationKey(sequence, number) ?? key;
    this.fragment(key, sequence, line, count, number, line.slice(c5 + 1, c6), fill, lineTimeMs ?? this.lastTimeMs, source);
  }

  /**
   * The common line, a one-part message `!AIVDM,1,1,[seq],[channel],payload,fill*hh[,time]`
   * (header already checked), read in one pass: checksum, fields and payload sextets together,
   * without searching the string. Returns false, having done nothing, for any other shape,
   * which the general path then reads.
   */
  private onePart(line: string, p: number, lineTimeMs: number | undefined, tag: TagBlock | undefined): boolean {
    const n = line.length;
    if (n < p + 18 || line.charCodeAt(p + 7) !== 49 || line.charCodeAt(p + 8) !== 44 || line.charCodeAt(p + 9) !== 49 || line.charCodeAt(p + 10) !== 44) return false;
    let sum = 0;
    let i = p + 1;
    for (; i < p + 11; i++) sum ^= line.charCodeAt(i);
    // Sequence id and channel: anything up to their commas.
    for (let field = 0; field < 2; field++, i++) {
      for (;; i++) {
        if (i === n) return false;
        const c = line.charCodeAt(i);
        if (c === 42 /* * */) return false;
        sum ^= c;
        if (c === 44) break;
      }
    }
    const r = this.reader;
    r.reset();
    const stop = r.appendRun(line, i, n);
    // The payload ends at a comma, then one fill digit, the star and two hex digits.
    if (stop < 0 || stop + 5 > n || line.charCodeAt(stop) !== 44 || line.charCodeAt(stop + 2) !== 42) return false;
    const fillCode = line.charCodeAt(stop + 1);
    const star = stop + 2;
    const expected = readHex2(line, star + 1);
    if (fillCode < 48 || fillCode > 53 || expected < 0) return false;
    r.setFillBits(fillCode - 48);
    sum ^= r.runXor ^ 44 ^ fillCode;
    if (sum !== expected) {
      this.badChecksum(line, sum, star);
      return true;
    }
    const timeMs = lineTimeMs ?? trailingTime(line, star);
    if (timeMs !== undefined) this.lastTimeMs = timeMs;
    this.emit(timeMs ?? this.lastTimeMs, tag?.source, line, undefined);
    return true;
  }

  private badChecksum(line: string, sum: number, star: number): void {
    this.rejectLine('bad-checksum', `checksum ${hex2(sum)} ≠ ${line.slice(star + 1, star + 3)}`, line);
  }

  /**
   * For a later part that names no source of its own and finds no message under its context's
   * source: the newest incomplete message with the same talker, channel, sequence id and count
   * that awaits exactly this part (another receiver's line came between the parts). Undefined
   * when there is none. The fragment TTL still bounds how far apart the parts may be.
   */
  private continuationKey(sequence: string, number: number): string | undefined {
    const key = this.pendingBySequence.get(sequence);
    const pending = key === undefined ? undefined : this.pending.get(key);
    return pending !== undefined && pending.received === number - 1 && pending.payloads[number - 1] === undefined ? key : undefined;
  }

  private fragment(key: string, sequence: string, line: string, count: number, number: number, payload: string, fill: number, timeMs: number | undefined, source: string | undefined): void {
    this.expire(timeMs);
    let pending = this.pending.get(key);
    if (pending !== undefined) {
      const existing = pending.payloads[number - 1];
      if (existing !== undefined) {
        if (existing === payload) return this.rejectLine('duplicate-fragment', `fragment ${number} of ${count} seen twice`, line);
        this.dropPending(key, pending, `a new fragment ${number} of ${count} with the same sequence id replaced it`);
        pending = undefined;
      }
    }
    if (pending === undefined) {
      if (this.pending.size >= this.maxPending) {
        const [oldKey, oldest] = this.pending.entries().next().value as [string, PendingMessage];
        this.dropPending(oldKey, oldest, `more than ${this.maxPending} incomplete messages pending`);
      }
      pending = { count, received: 0, payloads: new Array<string | undefined>(count).fill(undefined), fills: new Array<number>(count).fill(0), lines: [], firstLine: this.counters.lines, timeMs, source, sequence };
      this.pending.set(key, pending);
      this.pendingBySequence.set(sequence, key);
    }
    pending.payloads[number - 1] = payload;
    pending.fills[number - 1] = fill;
    pending.lines.push(line);
    pending.received++;
    this.pendingLineCount++;
    if (pending.received < count) return;
    this.forget(key, pending);
    const r = this.reader;
    r.reset();
    for (let i = 0; i < count; i++) {
      const part = pending.payloads[i]!;
      if (!r.append(part, 0, part.length, i === count - 1 ? pending.fills[i]! : 0)) {
        for (const l of pending.lines) this.rejectLine('bad-payload-length', 'assembled payload exceeds the largest AIS message', l);
        return;
      }
    }
    this.emit(pending.timeMs ?? timeMs, pending.source ?? source, undefined, pending.lines);
  }

  private emit(timeMs: number | undefined, source: string | undefined, line: string | undefined, lines: string[] | undefined): void {
    const r = this.reader;
    const n = lines === undefined ? 1 : lines.length;
    if (r.bitLength < 38) return this.rejectAll('bad-payload-length', `payload has ${r.bitLength} bits, a message needs at least 38`, line, lines);
    const type = r.uint(0, 6);
    if (type < 1 || type > 27) return this.rejectAll('unknown-message-type', `message type ${type} is not defined`, line, lines);
    const mmsi = r.uint(8, 30);
    const layout = this.sink.position === undefined ? undefined : KINEMATIC_TYPES[type];
    if (layout !== undefined) {
      const problem = layoutProblem(type, layout, r.bitLength);
      if (problem !== undefined) return this.rejectAll('bad-payload-length', problem, line, lines);
      readKinematics(r, layout, this.kinematics);
      this.counters.messages++;
      this.counters.messageLines += n;
      this.sink.position!(type, mmsi, this.kinematics, timeMs, source);
      return;
    }
    const msg = newAisMessage(type, mmsi);
    const decoder = MESSAGE_DECODERS[type];
    if (decoder !== undefined) {
      const problem = decoder(r, msg);
      if (problem !== undefined) return this.rejectAll('bad-payload-length', problem, line, lines);
    } else {
      const bounds = HEADER_ONLY_BITS[type];
      if (bounds !== undefined && (r.bitLength < bounds[0] || r.bitLength > bounds[1])) {
        return this.rejectAll('bad-payload-length', `type ${type} needs ${bounds[0]}–${bounds[1]} bits, got ${r.bitLength}`, line, lines);
      }
    }
    this.counters.messages++;
    this.counters.messageLines += n;
    this.sink.message(msg, timeMs, source);
  }

  private gatehouseTime(line: string, p: number, star: number): void {
    // $PGHP,1,YYYY,M,D,h,m,s,ms,… — the time of the VDM line that follows.
    const f = line.slice(p, star).split(',');
    const ms = f[1] === '1' ? Date.UTC(Number(f[2]), Number(f[3]) - 1, Number(f[4]), Number(f[5]), Number(f[6]), Number(f[7]), Number(f[8])) : NaN;
    if (Number.isNaN(ms)) return this.rejectLine('bad-timestamp', 'Gatehouse $PGHP line without a readable time', line);
    this.lastTimeMs = ms;
    this.counters.metadata++;
  }

  private expire(nowMs: number | undefined): void {
    const oldestLine = this.counters.lines - this.ttlLines;
    for (const [key, pending] of this.pending) {
      const tooOld = pending.firstLine < oldestLine ||
        (nowMs !== undefined && pending.timeMs !== undefined && nowMs - pending.timeMs > this.ttlMs);
      if (!tooOld) break;
      this.dropPending(key, pending, `fragment(s) ${pending.received} of ${pending.count} waited too long for the rest`);
    }
  }

  /** Removes a message from the incomplete ones. */
  private forget(key: string, pending: PendingMessage): void {
    this.pending.delete(key);
    this.pendingLineCount -= pending.lines.length;
    if (this.pendingBySequence.get(pending.sequence) === key) this.pendingBySequence.delete(pending.sequence);
  }

  private dropPending(key: string, pending: PendingMessage, why: string): void {
    this.forget(key, pending);
    for (const l of pending.lines) this.rejectLine('orphan-fragment', why, l);
  }

  private rejectAll(reason: RejectReason, detail: string, line: string | undefined, lines: string[] | undefined): void {
    if (line !== undefined) this.rejectLine(reason, detail, line);
    if (lines !== undefined) for (const l of lines) this.rejectLine(reason, detail, l);
  }

  private rejectLine(reason: RejectReason, detail: string, line: string): void {
    this.counters.rejectedLines++;
    this.counters.rejected[reason] = (this.counters.rejected[reason] ?? 0) + 1;
    this.sink.reject(reason, detail, line);
  }
}

/** `!AIVDM,` / `$AIVDO,` after the talker: the sentence at `p` is AIS (talker not checked). */
function isVdmHeader(line: string, p: number): boolean {
  return line.charCodeAt(p + 3) === 86 /* V */ && line.charCodeAt(p + 4) === 68 /* D */ &&
    (line.charCodeAt(p + 5) === 77 /* M */ || line.charCodeAt(p + 5) === 79 /* O */) && line.charCodeAt(p + 6) === 44;
}

/** A receiver's Unix time after the checksum (`…*hh,1742860800`), or undefined. */
function trailingTime(line: string, star: number): number | undefined {
  if (star + 3 >= line.length || line.charCodeAt(star + 3) !== 44) return undefined;
  // The usual field is whole seconds: read in place (no slice, no string-to-number parse, per line).
  const digits = readDigits(line, star + 4, line.length, 15);
  const trailing = digits >= 0 ? digits : Number(line.slice(star + 4));
  // A time beyond what a Date holds is no time (fuzzing, issue 15: `vigil decode` threw printing it).
  return Number.isFinite(trailing) && trailing > 0 && unixToMs(trailing) <= MAX_TIME_MS ? unixToMs(trailing) : undefined;
}

function firstSentenceStart(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 33 || c === 36 || c === 92) return i;
  }
  return -1;
}

/** XOR of the characters `line[start..end)`: the NMEA checksum of that stretch. */
function xorOf(line: string, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum ^= line.charCodeAt(i);
  return sum;
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
