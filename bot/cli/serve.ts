import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startParley } from '../server/serve.js';
import { UsageError } from './exit.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the Parley service (web chat, Bot Framework, SMS, console) with the configuration from the environment')
    .option('--port <port>', 'listen on this port instead of PORT')
    .option('--json', 'print the listening address as JSON once ready')
    .action(async (options: { port?: string; json?: boolean }) => {
      let config;
      try {
        config = loadConfig(options.port ? { ...process.env, PORT: options.port } : process.env);
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
      const logger = createLogger(config.logLevel);
      const parley = await startParley(config, { logger });
      if (options.json) process.stdout.write(`${JSON.stringify({ url: parley.url })}\n`);
      const stop = (signal: string) => {
        logger.info({ signal, activeTurns: parley.pipeline.activeTurns }, 'shutting down: finishing in-flight turns');
        parley.shutdown().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      // Keep the action pending: the server runs until a signal stops it.
      await new Promise<never>(() => undefined);
    });
}
