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

describe('parley classify', () => {
  it('--json prints exactly {"intents", "details"}', async () => {
    const result = await runParley('classify', "I don't owe this and stop texting me", '--json');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(['intents', 'details']);
    expect(output).toEqual({
      intents: ['dispute', 'channel_opt_out'],
      details: { dispute: { scope: 'all' }, channel_opt_out: { medium: 'sms', media: ['sms'], keyword: false } },
    });
  });

  it('takes the message as several words, and the channel for a bare keyword', async () => {
    const output = JSON.parse((await runParley('classify', 'unsubscribe', '--channel', 'email', '--json')).stdout);
    expect(output.details.channel_opt_out).toEqual({ medium: 'email', media: ['email'], keyword: true });
    const words = JSON.parse((await runParley('classify', 'my', 'lawyer', 'is', 'Jane', 'Ortiz', '--json')).stdout);
    expect(words).toMatchObject({ intents: ['attorney'], details: { attorney: { represented: true, name: 'Jane Ortiz' } } });
  });

  it('--explain adds the language and the matched words', async () => {
    const output = JSON.parse((await runParley('classify', 'No me contacten más', '--explain', '--json')).stdout);
    expect(output).toMatchObject({ intents: ['cease_communication'], language: 'es', evidence: { cease_communication: 'no me contacten' } });
  });

  it('prints a readable summary without --json, rights marked', async () => {
    const result = await runParley('classify', "I'm thinking about killing myself");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^RIGHT\s+crisis/m);
  });

  it('refuses bad arguments with a message and exit 2', async () => {
    const missing = await runParley('classify', '--json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('classify needs the message text');
    const language = await runParley('classify', 'hola', '--language', 'fr', '--json');
    expect(language.code).toBe(2);
    expect(language.stderr).toContain('language: must be one of en, es');
    const both = await runParley('classify', 'hola', '--batch');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give no text argument');
  });

  it('--batch prints one result per line in order; a bad line gets an error and the rest go on', async () => {
    const input = [
      JSON.stringify({ text: 'STOP' }),
      'not json',
      JSON.stringify({ text: 'Quiero hablar con una persona' }),
      JSON.stringify({ message: 'wrong field' }),
      '',
      JSON.stringify({ text: 'Can I set up a payment plan?', language: 'en' }),
    ].join('\n');
    const result = await spawnWithInput(['classify', '--batch'], `${input}\n`);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ intents: ['channel_opt_out'], details: { channel_opt_out: { medium: 'sms', media: ['sms'], keyword: true } } });
    expect(lines[1]).toEqual({ error: 'line 2: not valid JSON' });
    expect(lines[2]).toMatchObject({ intents: ['human_agent'] });
    expect(lines[3].error).toMatch(/^line 4: /);
    expect(lines[4]).toMatchObject({ intents: ['payment_plan'] });
    expect(result.code).toBe(2);
  });
});
