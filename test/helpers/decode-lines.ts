import { AisLineDecoder, type AisDecoderOptions } from '../../src/decode/ais/ais-line-decoder.js';
import type { AisMessage } from '../../src/decode/ais/ais-message.js';
import type { RejectReason } from '../../src/decode/ais/reject-reason.js';

export interface Decoded {
  messages: (AisMessage & { timeMs?: number; source?: string })[];
  rejects: { reason: RejectReason; detail: string; line: string }[];
  decoder: AisLineDecoder;
}

/** Runs lines through a fresh decoder and collects everything it reports. */
export function decodeLines(lines: readonly string[], options: AisDecoderOptions = {}, flush = true): Decoded {
  const out: Decoded = { messages: [], rejects: [], decoder: undefined as unknown as AisLineDecoder };
  out.decoder = new AisLineDecoder({
    message: (m, timeMs, source) => out.messages.push({ ...definedKeys(m), ...(timeMs !== undefined ? { timeMs } : {}), ...(source !== undefined ? { source } : {}) }),
    reject: (reason, detail, line) => out.rejects.push({ reason, detail, line }),
  }, options);
  for (const l of lines) out.decoder.push(l);
  if (flush) out.decoder.flush();
  return out;
}

/** The keys a message actually carries (the decoder gives every message every key, unset ones undefined). */
function definedKeys(m: AisMessage): AisMessage {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as unknown as AisMessage;
}
