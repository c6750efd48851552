import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { CliError } from '../command.js';
import { parseDurationMs, simulateCommand } from './simulate.js';

async function runCli(args: string[]): Promise<void> {
  const program = new Command('vigil').exitOverride();
  simulateCommand.configure(program.command(simulateCommand.name));
  await program.parseAsync(['node', 'vigil', 'simulate', ...args]);
}

describe('vigil simulate', () => {
  it('parses durations in seconds, minutes and hours, and nothing else', () => {
    assert.equal(parseDurationMs('90s'), 90_000);
    assert.equal(parseDurationMs('30m'), 1_800_000);
    assert.equal(parseDurationMs('2h'), 7_200_000);
    assert.equal(parseDurationMs('1.5h'), 5_400_000);
    assert.equal(parseDurationMs('2d'), null);
    assert.equal(parseDurationMs('h'), null);
  });

  it('writes the same tag-blocked lines to --out for the same seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-sim-'));
    const a = join(dir, 'a.nmea');
    const b = join(dir, 'b.nmea');
    const truth = join(dir, 'truth.jsonl');
    await runCli(['--seed', '5', '--duration', '5m', '--vessels', '10', '--artefacts', '--out', a, '--truth', truth]);
    await runCli(['--seed', '5', '--duration', '5m', '--vessels', '10', '--artefacts', '--out', b]);
    const text = readFileSync(a, 'utf8');
    const lines = text.trimEnd().split('\n');
    assert.ok(lines.length > 100, `${lines.length} lines`);
    assert.ok(lines.every((l) => l.startsWith('\\s:rx-')));
    assert.ok(text.endsWith('\n'));
    assert.equal(readFileSync(b, 'utf8'), text);
    assert.equal(readFileSync(truth, 'utf8'), '', 'no scripted violations, no ground truth');
  });

  it('rejects a malformed duration with exit code 2', async () => {
    await assert.rejects(runCli(['--duration', '10x']), (err: unknown) => err instanceof CliError && err.exitCode === 2 && /--duration/.test(err.message));
  });
});
