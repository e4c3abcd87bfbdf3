import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { accountInput } from '../../guardrails/gate/test-fixtures.js';
import { runParley } from '../../tests/support/cli.js';

/** Runs `parley <args>` in this process with `text` as stdin, for --batch. */
async function withStdin(text: string, ...args: string[]) {
  const original = Object.getOwnPropertyDescriptor(process, 'stdin');
  Object.defineProperty(process, 'stdin', { value: Readable.from([text]), configurable: true, enumerable: true });
  try {
    return await runParley(...args);
  } finally {
    if (original) Object.defineProperty(process, 'stdin', original);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-check-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
  return target;
}

const boston = file('boston.json', accountInput());
const nyc = file('nyc.json', accountInput({ accountId: 'ACC-NYC', region: 'NY', postalCode: '10001', city: 'New York', phones: ['+12125550123'] }));
const NOON = '2026-06-10T16:00:00Z';

describe('parley check', () => {
  it('--json prints exactly the issue\'s shape, with the disclosures added', async () => {
    const result = await runParley('check', '--account-file', boston, '--channel', 'sms', '--text', 'Your balance is $1,234.56.', '--verified', '--first', '--at', NOON, '--json');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(['verdict', 'text', 'violations', 'disclosures', 'packVersion']);
    expect(output).toEqual({
      verdict: 'send',
      text: 'This message is from a debt collector. We are trying to collect a debt, and any information we obtain will be used for that purpose. Your balance is $1,234.56. Reply STOP to opt out.',
      violations: [],
      disclosures: ['initial-disclosure', 'sms-opt-out'],
      packVersion: 'us-federal@2026.11.0+us-ma@2026.11.0',
    });
  });

  it('a Parley-initiated text at 07:00 local is deferred, with the instant', async () => {
    const result = await runParley('check', '--account-file', boston, '--channel', 'sms', '--text', 'A reminder about your plan.', '--verified', '--initiated-by', 'parley', '--at', '2026-06-10T11:00:00Z', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'defer', deferUntil: '2026-06-10T12:00:00.000Z', violations: [{ ruleId: 'time-of-day' }] });
  });

  it('a text too long for 10 segments is blocked: exit 1', async () => {
    const result = await runParley('check', '--account-file', boston, '--channel', 'sms', '--text', 'a'.repeat(1600), '--at', NOON, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'block', text: null, violations: [{ ruleId: 'sms-length' }] });
  });

  it('a message the consumer\'s status forbids is reported as block with its rule (NYC text without consent)', async () => {
    const result = await runParley('check', '--account-file', nyc, '--channel', 'sms', '--text', 'A reminder.', '--verified', '--initiated-by', 'parley', '--at', NOON, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'block', violations: [{ ruleId: 'nyc-consent', citation: 'NYC DCWP rules' }], packVersion: 'us-federal@2026.11.0+us-nyc@2026.11.0' });
  });

  it('--flags-file applies the consumer\'s flags (cease: a reply is blocked, a cease notice is not)', async () => {
    const flags = file('cease.json', { cease: { at: '2026-06-01T12:00:00Z', kind: 'cease' } });
    const reply = await runParley('check', '--account-file', boston, '--flags-file', flags, '--channel', 'email', '--text', 'Hello.', '--verified', '--at', NOON, '--json');
    expect(JSON.parse(reply.stdout)).toMatchObject({ verdict: 'block', violations: [{ ruleId: 'cease', citation: '12 CFR 1006.6(c)' }] });
    const notice = await runParley('check', '--account-file', boston, '--flags-file', flags, '--channel', 'email', '--text', 'We have stopped collection on this account.', '--verified', '--purpose', 'cease-notice-ending', '--initiated-by', 'parley', '--at', NOON, '--json');
    expect(JSON.parse(notice.stdout).verdict).toBe('send');
  });

  it('the text form names the verdict, the text and the packs', async () => {
    const result = await runParley('check', '--account-file', boston, '--channel', 'webchat', '--text', 'Hi there.', '--at', NOON);
    expect(result.stdout).toContain('Verdict: send');
    expect(result.stdout).toContain('Text: Hi there.');
    expect(result.stdout).toContain('Packs: us-federal@2026.11.0+us-ma@2026.11.0');
  });

  it.each([
    [['--channel', 'sms', '--text', 'x'], '--account-file is required'],
    [['--account-file', 'ACCOUNT', '--text', 'x'], '--channel is required'],
    [['--account-file', 'ACCOUNT', '--channel', 'fax', '--text', 'x'], 'channel: must be one of sms, webchat, teams, email'],
    [['--account-file', '/nonexistent/a.json', '--channel', 'sms', '--text', 'x'], 'no such file'],
    [['--account-file', 'ACCOUNT', '--channel', 'sms', '--text', 'x', '--initiated-by', 'robot'], 'initiated'],
    [['--account-file', 'ACCOUNT', '--channel', 'sms', '--text', 'x', '--source', 'model'], '--source model needs --fallback'],
    [['--account-file', 'ACCOUNT', '--channel', 'sms', '--text', 'x', '--at', 'noon'], 'must be an ISO 8601 instant'],
  ])('bad arguments %j → exit 2 with a clear message', async (args, message) => {
    const result = await runParley('check', ...args.map((a) => (a === 'ACCOUNT' ? boston : a)), '--json');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('an account file that is not one valid account → exit 2 naming the problem', async () => {
    const two = file('two.jsonl', `${JSON.stringify(accountInput())}\n${JSON.stringify(accountInput({ accountId: 'B' }))}\n`);
    expect((await runParley('check', '--account-file', two, '--channel', 'sms', '--text', 'x')).stderr).toContain('holds 2 lines; check takes one account');
    const invalid = file('invalid.json', { ...accountInput(), debt: { ...accountInput().debt, currentBalance: 1 } });
    const result = await runParley('check', '--account-file', invalid, '--channel', 'sms', '--text', 'x');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('debt.currentBalance: does not equal the itemization');
  });

  it('--batch checks each line in order with the flags as defaults; a bad line gets an error', async () => {
    const input = [
      JSON.stringify({ text: 'Your balance is $1,234.56.', verified: true, at: NOON }),
      JSON.stringify({ text: 'Hi', channel: 'fax' }),
      JSON.stringify({ text: 'a'.repeat(1600), at: NOON }),
      JSON.stringify({ text: 'Hola.', channel: 'email', language: 'es', verified: true, first: true, at: NOON, account: accountInput({ accountId: 'INLINE' }) }),
      '[1, 2]',
    ].join('\n');
    const result = await withStdin(input, 'check', '--batch', '--account-file', boston, '--channel', 'sms');
    expect(result.code).toBe(2);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ verdict: 'send', disclosures: ['later-disclosure', 'sms-opt-out'] });
    expect(lines[1].error).toContain('line 2: channel: must be one of');
    expect(lines[2]).toMatchObject({ verdict: 'block', violations: [{ ruleId: 'sms-length' }] });
    expect(lines[3].text).toMatch(/^Este mensaje es de un cobrador de deudas\. Estamos tratando/);
    expect(lines[4]).toEqual({ error: 'line 5: each line must be a JSON object' });
  });
});
