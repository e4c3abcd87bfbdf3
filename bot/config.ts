import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const urlWithProtocols = (protocols: string[], example: string) =>
  optionalText.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: `must be a URL such as ${example}` },
  );

const optionalBoolean = optionalText.transform((value, ctx): boolean | undefined => {
    if (value === undefined) return undefined;
    if (/^(1|true|yes|on)$/i.test(value)) return true;
    if (/^(0|false|no|off)$/i.test(value)) return false;
    ctx.addIssue({ code: 'custom', message: 'must be true or false' });
    return z.NEVER;
  });

const integerIn = (min: number, max: number, fallback: number) =>
  optionalText.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}` });
      return z.NEVER;
    }
    return parsed;
  });

/** Every environment variable Parley reads; .env.example documents each with a safe dummy value. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: optionalText.default('0.0.0.0'),
    PORT: integerIn(0, 65535, 3978),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PARLEY_DATA_DIR: optionalText.default('./data'),
    PARLEY_DEMO: optionalBoolean,
    PARLEY_BODY_LIMIT_KB: integerIn(1, 1024, 64),
    PARLEY_PUBLIC_URL: urlWithProtocols(['http:', 'https:'], 'https://parley.example.com'),
    REDIS_URL: urlWithProtocols(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:'], 'postgres://user:password@127.0.0.1:5432/parley'),
    PARLEY_COMPANY_NAME: optionalText.default('Northwind Recovery Services'),
    PARLEY_HUMAN_PHONE: optionalText.default('1-800-555-0100'),
    PARLEY_HUMAN_HOURS: optionalText.default('Monday to Friday, 8 a.m. to 8 p.m. Eastern'),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalText,
    TWILIO_ACCOUNT_SID: optionalText.refine((value) => value === undefined || /^AC[0-9a-fA-F]{32}$/.test(value), {
      error: 'must be AC followed by 32 hex digits',
    }),
    TWILIO_AUTH_TOKEN: optionalText,
    TWILIO_FROM_NUMBER: optionalText.refine((value) => value === undefined || /^\+[1-9]\d{6,14}$/.test(value), {
      error: 'must be an E.164 number such as +16175550100',
    }),
    TWILIO_API_BASE_URL: urlWithProtocols(['http:', 'https:'], 'https://api.twilio.com'),
    OPENAI_API_KEY: optionalText,
    OPENAI_BASE_URL: urlWithProtocols(['http:', 'https:'], 'https://api.openai.com/v1'),
    OPENAI_MODEL: optionalText.default('gpt-4o-mini'),
    AZURE_OPENAI_API_KEY: optionalText,
    AZURE_OPENAI_API_INSTANCE_NAME: optionalText,
    AZURE_OPENAI_API_DEPLOYMENT_NAME: optionalText,
    AZURE_OPENAI_API_VERSION: optionalText,
    PARLEY_LLM: z.enum(['off', 'phrase', 'understand', 'both']).default('both'),
    PARLEY_LLM_TIMEOUT_MS: integerIn(100, 60_000, 2000),
    PARLEY_LLM_STRUCTURED_METHOD: z.enum(['jsonSchema', 'functionCalling', 'jsonMode']).default('functionCalling'),
    PARLEY_CONSOLE_SESSION_TTL_MINUTES: integerIn(5, 24 * 60, 60),
    PARLEY_ALLOWED_ORIGINS: optionalText,
    PARLEY_METRICS_TOKEN: optionalText,
    PARLEY_AUDIT_CHECKPOINT_KEY: optionalText.refine((value) => value === undefined || value.length >= 32, { error: 'must be at least 32 characters' }),
    PARLEY_DIRECTLINE_SECRET: optionalText.refine((value) => value === undefined || value.length >= 32, { error: 'must be at least 32 characters' }),
    PARLEY_PAYMENT_URL: urlWithProtocols(['https:'], 'https://pay.example.com'),
    PARLEY_PAYMENT_SIGNING_KEY: optionalText,
    PARLEY_ADMIN_TOKEN: optionalText.refine((value) => value === undefined || value.length >= 24, { error: 'must be at least 24 characters' }),
    PARLEY_OUTBOUND: z.enum(['on', 'off']).default('on'),
    PARLEY_OUTBOUND_PACING: optionalText,
    PARLEY_IDENTITY_MAX_ATTEMPTS: integerIn(1, 10, 3),
    PARLEY_IDENTITY_LOCK_MINUTES: integerIn(1, 24 * 60, 30),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'is required when NODE_ENV=production: without it Bot Framework requests are not authenticated',
      });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required for a SingleTenant app' });
    }
    if (env.NODE_ENV === 'production') {
      for (const name of ['PARLEY_DIRECTLINE_SECRET', 'PARLEY_PAYMENT_URL', 'PARLEY_PAYMENT_SIGNING_KEY'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when NODE_ENV=production' });
      }
    }
    const twilio = [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, env.TWILIO_FROM_NUMBER];
    if (twilio.some(Boolean) && !twilio.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TWILIO_ACCOUNT_SID'],
        message: 'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER must be set together',
      });
    }
  });

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  logLevel: z.output<typeof envSchema>['LOG_LEVEL'];
  dataDir: string;
  loadDemo: boolean;
  bodyLimitBytes: number;
  publicUrl?: string;
  redisUrl?: string;
  databaseUrl?: string;
  company: { name: string; humanPhone: string; humanHours: string };
  bot: { appId?: string; appPassword?: string; appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI'; tenantId?: string };
  twilio?: { accountSid: string; authToken: string; fromNumber: string; apiBaseUrl?: string };
  llm: {
    mode: 'off' | 'phrase' | 'understand' | 'both';
    apiKey?: string;
    baseUrl?: string;
    model: string;
    timeoutMs: number;
    structuredMethod: 'jsonSchema' | 'functionCalling' | 'jsonMode';
    azure?: { apiKey: string; instanceName: string; deploymentName: string; apiVersion: string };
  };
  console: { sessionTtlMinutes: number };
  allowedOrigins: string[];
  metricsToken?: string;
  /** Signs audit retention checkpoints; `audit retain` needs it, and `audit verify` once retention has run. */
  audit: { checkpointKey?: string };
  /** Signs web chat tokens; outside production an unset secret is a random one per process. */
  directLineSecret: string;
  payments: { baseUrl: string; signingKey: string };
  identity: { maxAttempts: number; lockMinutes: number };
  outbound: { enabled: boolean; adminToken?: string; pacingFile?: string };
}

/** A configuration problem: names the variable and what is wrong, never its value (it may be a secret). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`));
  }
  const e = parsed.data;
  const azure =
    e.AZURE_OPENAI_API_KEY && e.AZURE_OPENAI_API_INSTANCE_NAME && e.AZURE_OPENAI_API_DEPLOYMENT_NAME
      ? {
          apiKey: e.AZURE_OPENAI_API_KEY,
          instanceName: e.AZURE_OPENAI_API_INSTANCE_NAME,
          deploymentName: e.AZURE_OPENAI_API_DEPLOYMENT_NAME,
          apiVersion: e.AZURE_OPENAI_API_VERSION ?? '2024-10-21',
        }
      : undefined;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    dataDir: path.resolve(e.PARLEY_DATA_DIR),
    loadDemo: e.PARLEY_DEMO ?? e.NODE_ENV !== 'production',
    bodyLimitBytes: e.PARLEY_BODY_LIMIT_KB * 1024,
    publicUrl: e.PARLEY_PUBLIC_URL,
    redisUrl: e.REDIS_URL,
    databaseUrl: e.DATABASE_URL,
    company: { name: e.PARLEY_COMPANY_NAME, humanPhone: e.PARLEY_HUMAN_PHONE, humanHours: e.PARLEY_HUMAN_HOURS },
    bot: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType: e.MicrosoftAppType, tenantId: e.MicrosoftAppTenantId },
    twilio:
      e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM_NUMBER
        ? { accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, fromNumber: e.TWILIO_FROM_NUMBER, apiBaseUrl: e.TWILIO_API_BASE_URL }
        : undefined,
    llm: {
      mode: e.PARLEY_LLM,
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL,
      timeoutMs: e.PARLEY_LLM_TIMEOUT_MS,
      structuredMethod: e.PARLEY_LLM_STRUCTURED_METHOD,
      azure,
    },
    console: { sessionTtlMinutes: e.PARLEY_CONSOLE_SESSION_TTL_MINUTES },
    metricsToken: e.PARLEY_METRICS_TOKEN,
    audit: { checkpointKey: e.PARLEY_AUDIT_CHECKPOINT_KEY },
    directLineSecret: e.PARLEY_DIRECTLINE_SECRET ?? randomBytes(32).toString('base64url'),
    payments: { baseUrl: e.PARLEY_PAYMENT_URL ?? 'https://pay.example.com', signingKey: e.PARLEY_PAYMENT_SIGNING_KEY ?? randomBytes(32).toString('base64url') },
    identity: { maxAttempts: e.PARLEY_IDENTITY_MAX_ATTEMPTS, lockMinutes: e.PARLEY_IDENTITY_LOCK_MINUTES },
    outbound: { enabled: e.PARLEY_OUTBOUND === 'on', adminToken: e.PARLEY_ADMIN_TOKEN, pacingFile: e.PARLEY_OUTBOUND_PACING },
    allowedOrigins: (e.PARLEY_ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
  };
}
