import type { AuditCheckpoint } from '../../access/audit-checkpoint.js';

/** What a report says about the audit checkpoint it carries (every format says the same). */
export function checkpointSentence(c: AuditCheckpoint): string {
  return `When this report was made, the node's audit log held ${c.size} entries, the last with hash ${c.head}; ` +
    `key ${c.key.id} signed that at ${c.timestamp}. Save the JSON below as a file: ` +
    '"vigil audit verify --data DIR --checkpoint FILE" shows whether any of those entries was since removed, reordered or changed.';
}
