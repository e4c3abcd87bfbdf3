import { timingSafeEqual, createHash } from 'node:crypto';
import express, { type Express, type Request } from 'express';
import helmet from 'helmet';
import type { ActivityHandler } from 'botbuilder';
import type { ParleyAdapter } from './adapter.js';
import type { Logger } from '../logger.js';
import type { TurnPipeline } from '../turn/pipeline.js';
import { botEndpoint } from './bot-endpoint.js';
import { errorBoundary } from './errors.js';
import type { Metrics } from './metrics.js';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface AppDeps {
  adapter: ParleyAdapter;
  bot: ActivityHandler;
  pipeline: TurnPipeline;
  logger: Logger;
  metrics: Metrics;
  readiness: readonly ReadinessCheck[];
  bodyLimitBytes: number;
  metricsToken?: string;
  /** Routes added by later parts (channels, console), mounted before the error boundary. */
  extraRoutes?: (app: Express) => void;
}

const READINESS_TIMEOUT_MS = 2000;

async function probe(check: ReadinessCheck): Promise<{ name: string; ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return { name: check.name, ok: true };
  } catch (error) {
    return { name: check.name, ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

function isLoopback(req: Request): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** Compares digests, so neither the token's length nor its first wrong byte shows in the response time. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The operator's view: loopback, or the metrics token when one is configured. */
function isOperator(req: Request, metricsToken: string | undefined): boolean {
  if (metricsToken) return sameSecret(req.headers.authorization ?? '', `Bearer ${metricsToken}`);
  return isLoopback(req);
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());
  app.use(express.json({ limit: deps.bodyLimitBytes }));
  app.use(express.urlencoded({ extended: false, limit: deps.bodyLimitBytes }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (req, res) => {
    const results = await Promise.all(deps.readiness.map(probe));
    const failing = results.filter((result) => !result.ok);
    const status = failing.length === 0 ? 'ready' : 'unavailable';
    // Error messages name hosts, ports, users and databases: only the operator sees them.
    if (!isOperator(req, deps.metricsToken)) {
      res.status(failing.length === 0 ? 200 : 503).json({ status });
      return;
    }
    res.status(failing.length === 0 ? 200 : 503).json({
      status,
      dependencies: results,
      ...(failing.length > 0 ? { failing: failing.map((result) => result.name) } : {}),
    });
  });

  app.get('/metrics', async (req, res) => {
    if (!isOperator(req, deps.metricsToken)) {
      res.status(401).json({ error: 'metrics need a bearer token (PARLEY_METRICS_TOKEN) or a loopback client' });
      return;
    }
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  app.post('/api/messages', botEndpoint(deps.adapter, deps.bot, deps.pipeline, deps.logger));

  deps.extraRoutes?.(app);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use(errorBoundary(deps.logger));
  return app;
}
