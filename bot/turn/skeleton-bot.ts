import { ActivityHandler, type ConversationState, type StatePropertyAccessor } from 'botbuilder';

interface TurnLog {
  texts: string[];
}

/**
 * The foundation's placeholder conversation: greets and echoes, and keeps every text it saw in
 * conversation state so serialization is observable. The dialogs replace it.
 */
export class SkeletonBot extends ActivityHandler {
  private readonly log: StatePropertyAccessor<TurnLog>;

  constructor(conversationState: ConversationState) {
    super();
    this.log = conversationState.createProperty<TurnLog>('turnLog');
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).filter((member) => member.id !== context.activity.recipient.id);
      if (joined.length > 0) await context.sendActivity('Hello, this is an automated assistant. You can ask for a person at any time.');
      await next();
    });
    this.onMessage(async (context, next) => {
      const log = await this.log.get(context, { texts: [] });
      log.texts.push(context.activity.text ?? '');
      await this.log.set(context, log);
      await context.sendActivity(`You said: ${context.activity.text ?? ''} (message ${log.texts.length} of this conversation)`);
      await next();
    });
  }
}
