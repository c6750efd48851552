/**
 * One problem in an agreement file, located at the offending YAML node so that editors and
 * `vigil agreement check` can print `FILE:LINE:COL: field: message`.
 */
export interface AgreementError {
  /** Path of the agreement file as given (or `<agreement>` for text without a file). */
  file: string;
  /** 1-based line of the offending node (of its parent when the key is missing). */
  line: number;
  /** 1-based column. */
  column: number;
  /** Dotted path of the field, e.g. `rules[2].params.maxGap`; empty for the whole file. */
  field: string;
  message: string;
}

/** Result of loading or compiling an agreement: never a throw for bad input. */
export type AgreementResult<T> = { ok: true; value: T } | { ok: false; errors: AgreementError[] };

/** A path into the agreement document, as zod reports it. */
export type DocPath = readonly (string | number)[];

/**
 * Renders a path as `rules[2].params.maxGap`.
 *
 * @example
 * formatField(['rules', 2, 'params', 'maxGap']); // 'rules[2].params.maxGap'
 */
export function formatField(path: DocPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

/**
 * Formats an error as `FILE:LINE:COL: field: message`, the form compilers use.
 *
 * @example
 * formatAgreementError({ file: 'a.yaml', line: 3, column: 5, field: 'version', message: 'version starts at 1' });
 * // 'a.yaml:3:5: version: version starts at 1'
 */
export function formatAgreementError(e: AgreementError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.field ? `${e.field}: ` : ''}${e.message}`;
}
