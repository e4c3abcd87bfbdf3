import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs on the embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.redisUrl).toBeUndefined();
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(config.loadDemo).toBe(true);
    expect(config.llm.apiKey).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a URL such as redis://127.0.0.1:6379'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL must be a URL such as postgres://'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ PARLEY_LLM: 'sometimes' }, 'PARLEY_LLM'],
    [{ TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000' }, 'must be set together'],
    [{ PARLEY_DEMO: 'maybe' }, 'PARLEY_DEMO must be true or false'],
  ])('refuses %j naming the variable', (env, expected) => {
    const problems = problemsOf(env);
    expect(problems.join('\n')).toContain(expected);
  });

  it('refuses to start in production without a MicrosoftAppId', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join('\n')).toContain('MicrosoftAppId is required when NODE_ENV=production');
  });

  it('starts in production with Bot Framework credentials', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: 'app-id',
      MicrosoftAppPassword: 'secret',
      PARLEY_DIRECTLINE_SECRET: 'x'.repeat(32),
      PARLEY_PAYMENT_URL: 'https://pay.example.com',
      PARLEY_PAYMENT_SIGNING_KEY: 'signing-key',
    });
    expect(config.bot.appId).toBe('app-id');
    expect(config.loadDemo).toBe(false);
  });

  it('refuses to start in production without the web chat secret and the payment settings', () => {
    const problems = problemsOf({ NODE_ENV: 'production', MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' }).join('\n');
    expect(problems).toContain('PARLEY_DIRECTLINE_SECRET is required when NODE_ENV=production');
    expect(problems).toContain('PARLEY_PAYMENT_SIGNING_KEY is required when NODE_ENV=production');
  });

  it('never puts a secret value in its error message', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://admin:hunter2@db/parley' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });
});
