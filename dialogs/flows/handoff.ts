import { turnData } from '../services.js';
import { flow, handOff, reachPerson, say } from './common.js';

export const HUMAN = 'human-agent';
export const COMPLAINT = 'complaint';

/** A person in one step from any turn, with the conversation so far passed on; never a loop. */
export const humanDialog = flow(HUMAN, [
  async (step) => {
    await handOff(step.context, 'human_agent');
    await say(step.context, 'handoff.queued', reachPerson(step.context));
    return step.endDialog();
  },
]);

export const complaintDialog = flow(COMPLAINT, [
  async (step) => {
    const { account } = turnData(step.context);
    await handOff(step.context, 'complaint');
    await say(step.context, 'complaint.recorded', { regulator: account?.consumer.address.country === 'GB' ? 'financial-ombudsman' : 'cfpb' });
    return step.endDialog();
  },
]);
