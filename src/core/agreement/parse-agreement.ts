import type { z } from 'zod';
import { formatField, type AgreementError, type AgreementResult, type DocPath } from './agreement-error.js';
import { compileAgreement, type FileResolver } from './compile.js';
import type { CompiledAgreement } from './compiled-agreement.js';
import { agreementSchema, RULE_TYPES } from './schema.js';
import { parseYamlWithPositions, type ParsedYaml } from './source-map.js';

/** Options of {@link parseAgreement}. */
export interface ParseAgreementOptions {
  /** Name used in errors; `<agreement>` by default. */
  file?: string;
  /** Reads `file:` zones (relative paths as written in the agreement). */
  resolveFile?: FileResolver;
}

function valueAt(root: unknown, path: DocPath): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** Turns zod issues into positioned, readable errors. */
function issuesToErrors(issues: readonly z.core.$ZodIssue[], yaml: ParsedYaml, file: string): AgreementError[] {
  const out: AgreementError[] = [];
  const push = (path: DocPath, message: string, pos = yaml.locate(path)): void => {
    out.push({ file, line: pos.line, column: pos.column, field: formatField(path), message });
  };
  for (const issue of issues) {
    const path: DocPath = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const value = valueAt(yaml.value, path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) push([...path, key], `unknown key "${key}"`, yaml.locateKey(path, key) ?? yaml.locate(path));
    } else if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator === 'type') {
      const isRule = path[0] === 'rules' && path.length === 3;
      const options = isRule ? RULE_TYPES.join(', ') : 'Polygon, MultiPolygon, LineString';
      push(path, value === undefined ? `missing type: expected one of ${options}` : `unknown type ${JSON.stringify(value)}: expected one of ${options}`);
    } else if (issue.code === 'invalid_type' && value === undefined) {
      push(path, `missing required field ${JSON.stringify(path[path.length - 1])}`);
    } else {
      push(path, issue.message);
    }
  }
  return out;
}

/**
 * Zone references (`zones:` and `params.excludeZones`) checked on the raw document, so that
 * a file with schema errors still gets its unknown zone ids reported in the same run
 * (compile checks them otherwise).
 */
function rawZoneReferenceIssues(root: unknown): { path: DocPath; message: string }[] {
  const zones = valueAt(root, ['zones']);
  const rules = valueAt(root, ['rules']);
  if (!Array.isArray(rules)) return [];
  const ids = new Set<string>();
  if (Array.isArray(zones)) for (const z of zones) { const id = valueAt(z, ['id']); if (typeof id === 'string') ids.add(id); }
  const out: { path: DocPath; message: string }[] = [];
  rules.forEach((r, i) => {
    for (const at of [['zones'], ['params', 'excludeZones']]) {
      const refs = valueAt(r, at);
      if (!Array.isArray(refs)) continue;
      refs.forEach((ref, k) => {
        if (typeof ref === 'string' && !ids.has(ref)) out.push({ path: ['rules', i, ...at, k], message: `unknown zone "${ref}" (${ids.size === 0 ? 'no zones defined' : `zones: ${[...ids].join(', ')}`})` });
      });
    }
  });
  return out;
}

/**
 * Parses, validates and compiles agreement YAML text. Every problem comes back as a
 * positioned {@link AgreementError}; nothing throws for bad input.
 *
 * @param text the agreement file's content
 * @example
 * const r = parseAgreement(text, { file: 'agreement.yaml' });
 * if (!r.ok) for (const e of r.errors) console.error(formatAgreementError(e));
 */
export function parseAgreement(text: string, options: ParseAgreementOptions = {}): AgreementResult<CompiledAgreement> {
  const file = options.file ?? '<agreement>';
  const yaml = parseYamlWithPositions(text);
  if (yaml.syntaxErrors.length > 0) {
    return {
      ok: false,
      errors: yaml.syntaxErrors.map((e) => ({ file, line: e.position.line, column: e.position.column, field: '', message: `YAML syntax: ${e.message.split('\n')[0] ?? ''}` })),
    };
  }
  if (yaml.value === null || typeof yaml.value !== 'object' || Array.isArray(yaml.value)) {
    return { ok: false, errors: [{ file, line: 1, column: 1, field: '', message: 'an agreement file is a YAML mapping (agreement:, title:, version:, …)' }] };
  }
  const parsed = agreementSchema.safeParse(yaml.value);
  if (!parsed.success) {
    const errors = issuesToErrors(parsed.error.issues, yaml, file);
    for (const { path, message } of rawZoneReferenceIssues(yaml.value)) {
      const pos = yaml.locate(path);
      errors.push({ file, line: pos.line, column: pos.column, field: formatField(path), message });
    }
    errors.sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, errors };
  }
  return compileAgreement(parsed.data, options.resolveFile, { file, locate: yaml.locate });
}
