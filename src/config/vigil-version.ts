import { readFileSync } from 'node:fs';
import { packageRoot } from './package-root.js';

let version: string | undefined;

/** Vigil's version, from package.json (reports and manifests name their generator). */
export function vigilVersion(): string {
  version ??= (JSON.parse(readFileSync(`${packageRoot()}package.json`, 'utf8')) as { version: string }).version;
  return version;
}
