import { articleAnswerSlots, searchArticles } from '../../knowledge/index.js';
import { turnData } from '../services.js';
import { flow, markProgress, reachPerson, say } from './common.js';

export const FAQ = 'faq';

/**
 * Rights and process questions answered from approved articles, the article named; nothing found
 * means saying so and offering a person, never inventing. The privacy article reveals nothing, so it
 * is answered before verification too.
 */
export const faqDialog = flow(FAQ, [
  async (step) => {
    const { session, services, account } = turnData(step.context);
    const question = (step.options as { question?: string } | undefined)?.question ?? step.context.activity.text ?? '';
    const match = searchArticles(question, session.language);
    if (!match) {
      await say(step.context, 'faq.not-found', reachPerson(step.context));
      return step.endDialog({ answered: false });
    }
    const slots = articleAnswerSlots(
      match.article,
      { collectorName: services.company.collectorName, ...reachPerson(step.context) },
      { country: account?.consumer.address.country },
    );
    await say(step.context, match.article.id === 'privacy' ? 'privacy.how-used' : 'faq.answer', slots);
    markProgress(step.context);
    return step.endDialog({ answered: true });
  },
]);

/** Whether an article may be given before identity is verified. */
export function answerableBeforeVerification(question: string, language: 'en' | 'es'): boolean {
  return searchArticles(question, language)?.article.id === 'privacy';
}
