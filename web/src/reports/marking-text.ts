import type { ReportDocumentRow } from '../api/types.js';

/**
 * The releasability as the console shows it elsewhere (`COALITION`, `REL TO FRA, GBR`,
 * `ORIGINATOR ONLY`): the route's `releasability` text when it sends one, else formatted
 * from the structured marking the same way the server does.
 * @example markingText({ marking: { kind: 'REL_TO', nations: ['GBR', 'FRA'] } }) // 'REL TO FRA, GBR'
 */
export function markingText(r: Pick<ReportDocumentRow, 'marking' | 'releasability'>): string {
  if (r.releasability !== undefined) return r.releasability;
  switch (r.marking.kind) {
    case 'COALITION': return 'COALITION';
    case 'ORIGINATOR_ONLY': return 'ORIGINATOR ONLY';
    case 'REL_TO': return `REL TO ${[...new Set(r.marking.nations.map((n) => n.toUpperCase()))].sort().join(', ')}`;
  }
}
