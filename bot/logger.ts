import { pino, type Logger } from 'pino';
import { maskForLog } from '../guardrails/index.js';

export type { Logger };

const SECRET_KEYS = /pass(word)?|secret|token|authorization|api[-_]?key|cookie|auth/i;

/** Strings are masked (cards, SSNs, phones, emails, dates); secret-named keys are dropped whole. */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskForLog(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: maskForLog(value.message) };
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const scrubbed: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    scrubbed[key] = SECRET_KEYS.test(key) ? '[redacted]' : scrub(item, depth + 1);
  }
  return scrubbed;
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'parley' },
      formatters: { log: (object) => scrub(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg: unknown) => (typeof arg === 'string' ? maskForLog(arg) : arg));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    destination ?? process.stdout,
  );
}
