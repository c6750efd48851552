import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** Repository root (works from src and from dist). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), fileURLToPath(import.meta.url).includes('/dist/') ? '../../..' : '../..');

/** Path of a file of the shared real-data set beside the checkout (`../shared/data`). */
export function sharedDataPath(rel: string): string {
  const p = resolve(REPO_ROOT, '../shared/data', rel);
  if (!existsSync(p)) throw new Error(`shared data missing: ${p}`);
  return p;
}
