// Errors in Direct Line's own shape ({ error: { code, message } }), which its clients read.
import type { Response } from 'express';

export type DirectLineErrorCode =
  | 'BadArgument'
  | 'MissingToken'
  | 'BadToken'
  | 'TokenExpired'
  | 'Forbidden'
  | 'NotFound'
  | 'TooManyRequests'
  | 'ConversationFull'
  | 'ServiceUnavailable'
  | 'ServiceError';

export function sendError(res: Response, status: number, code: DirectLineErrorCode, message: string): void {
  if (res.headersSent) return;
  res.status(status).json({ error: { code, message } });
}
