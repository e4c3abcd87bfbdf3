import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runParley } from '../../tests/support/cli.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** `node bin/parley.mjs <args>` with stdin, for --batch through the real bin. */
function spawnWithInput(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/parley.mjs', ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('parley window', () => {
  it('--json prints exactly the issue\'s shape: Eastern phone + Pacific address at 09:00 Eastern', async () => {
    const result = await runParley('window', '--phone', '+16175550123', '--postal', '90012', '--at', '2026-06-01T13:00:00Z', '--json');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(['permitted', 'zones', 'localTimes', 'nextPermittedAt', 'rules']);
    expect(output).toMatchObject({
      permitted: false,
      zones: ['America/Los_Angeles', 'America/New_York'],
      localTimes: { 'America/Los_Angeles': '2026-06-01T06:00:00-07:00', 'America/New_York': '2026-06-01T09:00:00-04:00' },
      nextPermittedAt: '2026-06-01T15:00:00.000Z',
    });
    expect(output.rules).toContainEqual({ ruleId: 'time-of-day', citation: '12 CFR 1006.6(b)(1)(i)', reason: 'outside 08:00–21:00: America/Los_Angeles 06:00' });
    for (const rule of output.rules) expect(Object.keys(rule)).toEqual(['ruleId', 'citation', 'reason']);
  });

  it('Eastern + Central phones at 09:00 Eastern are permitted, and the text form says so', async () => {
    const result = await runParley('window', '--phone', '+16175550123', '--phone', '+13125550123', '--at', '2026-06-01T13:00:00Z');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Permitted: yes');
    expect(result.stdout).toContain('America/Chicago          2026-06-01T08:00:00-05:00');
  });

  it('--not-before narrows the window', async () => {
    const result = await runParley('window', '--phone', '+16175550123', '--at', '2026-06-01T14:00:00Z', '--not-before', '12:00', '--json');
    expect(JSON.parse(result.stdout)).toMatchObject({ permitted: false, nextPermittedAt: '2026-06-01T16:00:00.000Z' });
  });

  it('--jurisdiction adds the state pack; a UK postcode uses the UK pack', async () => {
    const wa = JSON.parse((await runParley('window', '--phone', '+12065550123', '--jurisdiction', 'US-WA', '--at', '2026-06-01T20:00:00Z', '--json')).stdout);
    expect(wa.rules.map((r: { ruleId: string }) => r.ruleId)).toContain('wa-time-of-day');
    const uk = JSON.parse((await runParley('window', '--postal', 'SW1A 1AA', '--at', '2026-03-29T07:30:00Z', '--json')).stdout);
    expect(uk).toMatchObject({ permitted: true, zones: ['Europe/London'] });
    expect(uk.rules.map((r: { ruleId: string }) => r.ruleId)).toContain('uk-times');
  });

  it('with no location, nothing is permitted and nothing assumed', async () => {
    const output = JSON.parse((await runParley('window', '--at', '2026-06-01T16:00:00Z', '--json')).stdout);
    expect(output).toMatchObject({ permitted: false, zones: [], nextPermittedAt: null });
  });

  it.each([
    [['--phone', '6175550123'], 'must be an E.164 phone number'],
    [['--phone', '+16175550123', '--at', '2026-06-01 13:00'], 'must be an ISO 8601 instant with an offset'],
    [['--phone', '+16175550123', '--at', '2026-06-01T13:00:00'], 'must be an ISO 8601 instant with an offset'],
    [['--phone', '+16175550123', '--not-before', '25:00'], 'must be HH:MM'],
    [['--phone', '+16175550123', '--jurisdiction', 'FR'], 'no rule pack covers it'],
    [['--phone', '+16175550123', '--country', 'USA'], 'two-letter country code'],
  ])('bad arguments %j → exit 2 with a clear message', async (args, message) => {
    const result = await runParley('window', ...args, '--json');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('--help works', async () => {
    const result = await runParley('window', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--not-before <HH:MM>');
  });

  it('--batch answers each JSON line in order; a bad line gets an error and the rest go on', async () => {
    const input = [
      JSON.stringify({ phone: ['+16175550123'], postal: '90012', at: '2026-06-01T15:00:00Z' }),
      '{not json',
      JSON.stringify({ phone: 'bad' }),
      '',
      JSON.stringify({ phone: '+16175550123', 'not-before': '12:00', at: '2026-06-01T15:00:00Z' }),
    ].join('\n');
    const result = await spawnWithInput(['window', '--batch'], input);
    expect(result.code).toBe(2);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ permitted: true, zones: ['America/Los_Angeles', 'America/New_York'] });
    expect(lines[1]).toEqual({ error: 'line 2: not valid JSON' });
    expect(lines[2].error).toContain('line 3: phone');
    expect(lines[3]).toMatchObject({ permitted: false, nextPermittedAt: '2026-06-01T16:00:00.000Z' });
  });
});
