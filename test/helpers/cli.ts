import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
/** The CLI entry of this tree: the compiled one under dist/, or the TypeScript source through tsx. */
const CLI = here.includes('/dist/') ? fileURLToPath(new URL('../../src/cli/main.js', import.meta.url)) : fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** Runs `vigil ARGS…` and returns exit status, stdout and stderr. */
export function vigil(args: readonly string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const node = here.includes('/dist/') ? [CLI] : ['--import', 'tsx', CLI];
  const r = spawnSync(process.execPath, [...node, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...(input !== undefined ? { input } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
