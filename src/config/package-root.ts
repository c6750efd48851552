import { fileURLToPath } from 'node:url';

/** The package (repository) root, whether running from src/ (tsx) or dist/src/ (compiled). */
export function packageRoot(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return here.includes('/dist/src/') ? fileURLToPath(new URL('../../../', import.meta.url)) : fileURLToPath(new URL('../../', import.meta.url));
}
