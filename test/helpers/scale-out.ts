import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { alertToJson, type Alert } from '../../src/core/alert/alert.js';
import type { Store } from '../../src/store/index.js';
import { SYSTEM_VIEWER } from '../../src/store/index.js';
import { connectNats } from '../../src/stream/jetstream-setup.js';
import { EVENTS_STREAM } from '../../src/stream/partition.js';
import { vigil } from './cli.js';
import { DEMO_AGREEMENT } from './scenario.js';

const here = fileURLToPath(import.meta.url);
const CLI = here.includes('/dist/') ? fileURLToPath(new URL('../../src/cli/main.js', import.meta.url)) : fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const NODE_ARGS = here.includes('/dist/') ? [CLI] : ['--import', 'tsx', CLI];

export interface Running {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts `vigil ARGS` as a child process (stderr kept for assertion messages). */
export function startVigil(args: readonly string[]): Running {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

/** Waits for a process and throws with its stderr unless it exited 0. */
export async function succeeded(r: Running, what: string): Promise<string> {
  const { code, signal, stderr } = await r.done;
  if (code !== 0) throw new Error(`${what} exited ${code ?? signal}:\n${stderr}`);
  return stderr;
}

/** Events in the stream (all partitions). */
export async function streamEventCount(url: string): Promise<number> {
  const nc = await connectNats(url, 'test');
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(EVENTS_STREAM, { subjects_filter: 'vigil.events.*' });
    return Object.values(info.state.subjects ?? {}).reduce((s, n) => s + n, 0);
  } finally {
    await nc.close();
  }
}

/** The stream's last sequence number (events and watermarks). */
export async function lastSequence(url: string): Promise<number> {
  const nc = await connectNats(url, 'test');
  try {
    return (await (await jetstreamManager(nc)).streams.info(EVENTS_STREAM)).state.last_seq;
  } finally {
    await nc.close();
  }
}

/** Deletes the event stream (a new run with another partition count starts from nothing). */
export async function deleteEventStream(url: string): Promise<void> {
  const nc = await connectNats(url, 'test');
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(EVENTS_STREAM).catch(() => false);
  } finally {
    await nc.close();
  }
}

/** Every alert of a store, as `vigil check` writes them: JSON lines sorted by start, then id. */
export async function alertLines(store: Store): Promise<string[]> {
  const alerts: Alert[] = [];
  for (let cursor: string | undefined; ;) {
    const page = await store.alerts.list(SYSTEM_VIEWER, { limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
    alerts.push(...page.items.map((s) => s.alert));
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return sortedLines(alerts.map(alertToJson));
}

/** JSON alert lines sorted by start, then id (the order of `vigil check`'s output). */
export function sortedLines(lines: readonly string[]): string[] {
  const key = (l: string): [string, string] => {
    const a = JSON.parse(l) as Alert;
    return [a.start, a.id];
  };
  return [...lines].sort((x, y) => {
    const [sx, ix] = key(x);
    const [sy, iy] = key(y);
    return sx < sy ? -1 : sx > sy ? 1 : ix < iy ? -1 : ix > iy ? 1 : 0;
  });
}

/** The seeded scenario of the scale-out tests: its files, `vigil check`'s output on them, and an ingest config. */
export interface ScaleOutScenario {
  /** sea.nmea (AIS with receiver artefacts), air.sbs, radar.csv, reports.jsonl. */
  files: string[];
  /** `vigil check`'s alert lines, in its order. */
  expected: string[];
  /** Fixes `vigil check` accepted. */
  fixes: number;
  /** Writes an ingest config over the four files (feeds sea, sbs, radar, reports); `speed` per file (default: as fast as read). */
  writeConfig(path: string, speed?: (file: string) => number): void;
}

/** Simulates 3 h of sea (15 vessels, every violation, receiver artefacts), air and reports into `dir`, and runs `vigil check` on it. */
export function scaleOutScenario(dir: string): ScaleOutScenario {
  const sea = join(dir, 'sea.nmea');
  const sim = vigil(['simulate', '--violations', '--artefacts', '--duration', '3h', '--vessels', '15', '--out', sea, '--air', dir]);
  if (sim.status !== 0) throw new Error(`vigil simulate: ${sim.stderr}`);
  const files = [sea, join(dir, 'air.sbs'), join(dir, 'radar.csv'), join(dir, 'reports.jsonl')];
  const check = vigil(['check', '--agreement', DEMO_AGREEMENT, ...files]);
  if (check.status !== 0) throw new Error(`vigil check: ${check.stderr}`);
  const names = ['sea', 'sbs', 'radar', 'reports'];
  return {
    files,
    expected: check.stdout.trim().split('\n'),
    fixes: Number(/(\d+) fixes/.exec(check.stderr)?.[1]),
    writeConfig(path, speed = () => 1e9) {
      writeFileSync(path, `agreement: ${DEMO_AGREEMENT}\nallowanceSeconds: 60\nfeeds:\n${files.map((f, i) => `  - { name: ${names[i]}, kind: file, path: ${f}, speed: ${speed(f)}, originator: FRA }\n`).join('')}`);
    },
  };
}
