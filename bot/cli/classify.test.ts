import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  it('--json prints what is acted on, what is possible, the language and what each layer found', async () => {
    const result = await runParley('classify', "I don't owe this and stop texting me", '--json');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(['intents', 'possible', 'language', 'layers', 'details']);
    expect(output).toMatchObject({
      intents: ['dispute', 'channel_opt_out'],
      possible: [],
      language: 'en',
      layers: { phrases: ['dispute', 'channel_opt_out'], model: { version: expect.stringMatching(/^\d+\.\d+\.\d+\+[0-9a-f]{12}$/) } },
      details: { dispute: { scope: 'all' }, channel_opt_out: { medium: 'sms', media: ['sms'], keyword: false } },
    });
    expect(output.layers.model.scores).toBeUndefined();
  });

  it('--explain adds the model scores and the words each phrase matched', async () => {
    const output = JSON.parse((await runParley('classify', 'I dispute this debt', '--json', '--explain')).stdout);
    expect(output.layers.model.scores.dispute).toBeGreaterThan(0.5);
    expect(output.evidence.dispute).toContain('disput');
  });

  it('--evaluate scores every layer on a labelled file; a bad file changes nothing and says which line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-evaluate-'));
    const good = join(dir, 'good.jsonl');
    writeFileSync(good, [JSON.stringify({ text: 'I dispute this debt', intents: ['dispute'], language: 'en' }), JSON.stringify({ text: 'how do I pay?', intents: ['pay_in_full'], language: 'en' })].join('\n'));
    const report = JSON.parse((await runParley('classify', '--evaluate', good, '--json')).stdout);
    expect(report.layers.whole.all).toMatchObject({ messages: 2, rightsRecall: 1, benign: 1, benignActedOn: 0 });
    expect(report.layers.phrases.en.messages).toBe(2);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify({ text: 'hi', intents: ['greeting'] })}\n{"text": "x", "intents": ["not_an_intent"]}\n`);
    const refused = await runParley('classify', '--evaluate', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('line 2: expected {"text": "...", "intents": [known intent ids]}');
    rmSync(dir, { recursive: true, force: true });
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
    expect(lines[0]).toMatchObject({ intents: ['channel_opt_out'], possible: [], details: { channel_opt_out: { medium: 'sms', media: ['sms'], keyword: true } } });
    expect(lines[1]).toEqual({ error: 'line 2: not valid JSON' });
    expect(lines[2]).toMatchObject({ intents: ['human_agent'] });
    expect(lines[3].error).toMatch(/^line 4: /);
    expect(lines[4]).toMatchObject({ intents: ['payment_plan'] });
    expect(result.code).toBe(2);
  });
});
