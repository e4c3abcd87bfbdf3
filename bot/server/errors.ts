import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { outageMessage, outageOf } from '../outage.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * The one boundary that turns unexpected errors into a generic message. Bad input gets a precise
 * message and a 4xx; nothing internal (stack, SQL, file paths) reaches the client.
 */
export function errorBoundary(logger: Logger): ErrorRequestHandler {
  return (error: BodyParserError, req, res, _next) => {
    if (error.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'malformed JSON body', detail: error.message.replace(/ in JSON at position \d+.*$/s, '') });
      return;
    }
    if (error.type === 'entity.too.large') {
      res.status(413).json({ error: `body too large: the limit is ${error.limit ?? 'exceeded'} bytes` });
      return;
    }
    if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
      res.status(415).json({ error: error.message });
      return;
    }
    if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      res.status(error.status).json({ error: error.message });
      return;
    }
    const store = outageOf(error);
    if (store) {
      logger.error({ err: error, method: req.method, path: req.path, store }, 'request refused: store unavailable');
      if (!res.headersSent) res.status(503).set('Retry-After', '5').json({ error: outageMessage(store) });
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  };
}

/**
 * A failed HTTP call the bot made itself during the turn (a reply the connector refused with 401 or
 * 403, e.g. Teams "blocked by the user"): the caller was authenticated, so it is not a 401.
 */
function isOutboundHttpFailure(error: Error): boolean {
  return error.name === 'RestError' || ('request' in error && 'response' in error);
}

/** Token-validation failures from botframework-connector surface as plain errors (500 by default): they are 401s. */
export function isAuthenticationFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (isOutboundHttpFailure(error)) return false;
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 401 || status === 403) return true;
  if (['AuthenticationError', 'JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError'].includes(error.name)) return true;
  return /unauthori[sz]ed|invalid signature|jwt|token (is )?expired|issuer|audience|endorsement|claimsidentity/i.test(error.message);
}
