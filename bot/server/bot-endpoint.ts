import type { Request, Response } from 'express';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { ParleyAdapter } from './adapter.js';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { TurnPipeline } from '../turn/pipeline.js';
import { outageMessage, outageOf } from '../outage.js';
import { isAuthenticationFailure } from './errors.js';

const activityShape = z.looseObject({
  type: z.string().min(1, { error: 'type is required' }),
  channelId: z.string().min(1, { error: 'channelId is required' }),
  conversation: z.looseObject({ id: z.string().min(1, { error: 'conversation.id is required' }) }),
  from: z.looseObject({ id: z.string().min(1) }),
  recipient: z.looseObject({ id: z.string().min(1) }).optional(),
  serviceUrl: z.string().min(1, { error: 'serviceUrl is required' }),
  text: z.string().max(10_000, { error: 'text is longer than 10,000 characters' }).optional(),
});

/** POST /api/messages: Bot Framework activities (Teams, Azure Bot Service, tests). */
export function botEndpoint(adapter: ParleyAdapter, bot: ActivityHandler, pipeline: TurnPipeline, logger: Logger) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = activityShape.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'not a Bot Framework activity', problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`) });
      return;
    }
    const authorization = req.headers.authorization ?? '';
    try {
      const invokeResponse = await adapter.handle(authorization, parsed.data as unknown as Activity, (context) => pipeline.run(context, bot));
      if (invokeResponse) {
        res.status(invokeResponse.status).json(invokeResponse.body ?? {});
      } else {
        res.status(200).end();
      }
    } catch (error) {
      if (isAuthenticationFailure(error)) {
        logger.warn({ reason: error instanceof Error ? error.message : 'unknown' }, 'bot framework request refused');
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      // Not acknowledged: the Bot Framework service, or the caller, sends it again once the store is back.
      const store = outageOf(error);
      if (store) {
        res.status(503).set('Retry-After', '5').json({ error: outageMessage(store) });
        return;
      }
      throw error;
    }
  };
}
