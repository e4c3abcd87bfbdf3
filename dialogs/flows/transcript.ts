import type { Attachment } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import { foldAccents, maskSensitiveNumbers } from '../../guardrails/index.js';
import { turnData } from '../services.js';
import { flow, markProgress, say } from './common.js';

export const TRANSCRIPT = 'transcript';

/** Words that ask for a copy of the conversation, in English and Spanish. */
export function asksForTranscript(text: string): boolean {
  const plain = foldAccents(text).toLowerCase();
  return /\b(copy|transcript|record)\b.{0,30}\b(conversation|chat|this)\b|\b(copia|transcripcion)\b.{0,30}\b(conversacion|chat)\b|\b(email|send) me (this|the) (chat|conversation)\b/.test(plain);
}

/**
 * A copy of the conversation as the audit trail holds it (masked), attached to the reply: the web
 * page shows it, other channels deliver it as a text file.
 */
export const transcriptDialog = flow(TRANSCRIPT, [
  async (step) => {
    const { services } = turnData(step.context);
    const chainId = `conv:${step.context.activity.channelId}:${step.context.activity.conversation.id}`;
    const events = await services.audit.listChain(chainId);
    const lines = events
      .filter((event) => event.kind === 'inbound' || event.kind === 'outbound')
      .map((event) => `${event.at.toISOString()} ${event.kind === 'inbound' ? 'You' : services.company.collectorName}: ${maskSensitiveNumbers(String(event.payload.text ?? ''))}`);
    const outcome = await say(step.context, 'transcript.copy', {});
    if (outcome.verdict === 'send') {
      const attachment: Attachment = { contentType: 'text/plain', name: 'conversation.txt', content: lines.join('\n') };
      await step.context.sendActivity({ type: ActivityTypes.Message, attachments: [attachment] });
    }
    markProgress(step.context);
    return step.endDialog();
  },
]);
