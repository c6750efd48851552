type Rec = Record<string, number | string>;

export interface Alignment {
  matched: [Rec, Rec][];
  onlyLeft: Rec[];
  onlyRight: Rec[];
}

const key = (o: Rec): string => `${o.type}:${o.mmsi}`;

/**
 * Aligns two decoded message sequences in input order by (type, mmsi), tolerating a few
 * messages that only one side produced (look-ahead of `window`).
 */
export function alignMessages(left: Rec[], right: Rec[], window = 6): Alignment {
  const out: Alignment = { matched: [], onlyLeft: [], onlyRight: [] };
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (key(left[i]!) === key(right[j]!)) {
      out.matched.push([left[i++]!, right[j++]!]);
      continue;
    }
    const k = right.slice(j, j + window).findIndex((r) => key(r) === key(left[i]!));
    const m = left.slice(i, i + window).findIndex((l) => key(l) === key(right[j]!));
    if (k > 0 && (m < 0 || k <= m)) out.onlyRight.push(...right.slice(j, (j += k)));
    else if (m > 0) out.onlyLeft.push(...left.slice(i, (i += m)));
    else {
      out.onlyLeft.push(left[i++]!);
      out.onlyRight.push(right[j++]!);
    }
  }
  out.onlyLeft.push(...left.slice(i));
  out.onlyRight.push(...right.slice(j));
  return out;
}

/** Keys whose values differ (numbers within `tolerance`). */
export function differingKeys(a: Rec, b: Rec, tolerance = 1.5e-6): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => {
    const x = a[k];
    const y = b[k];
    return typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) > tolerance : x !== y;
  });
}
