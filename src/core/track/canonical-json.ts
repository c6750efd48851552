/**
 * A value as canonical JSON (object keys sorted, `undefined` spelled out), so that two
 * reports with the same content compare equal whatever the order of their keys.
 *
 * @example canonicalJson({ b: 1, a: [2] }) // → '{"a":[2],"b":1}'
 */
export function canonicalJson(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}
