import { TeamsActivityHandler, type TurnContext } from 'botbuilder';
import { turnData, type ParleyConversation, type TurnData } from '../../dialogs/index.js';

export type AfterTurn = (context: TurnContext, data: TurnData) => Promise<void>;

/**
 * The bot every channel reaches: Teams (personal chats, install), web chat and SMS share the same
 * conversation. Botbuilder types stay here, at the edge; the conversation logic is in dialogs/.
 */
export class ParleyBot extends TeamsActivityHandler {
  constructor(conversation: ParleyConversation, afterTurn?: AfterTurn) {
    super();
    this.onMessage(async (context, next) => {
      await conversation.onMessage(context);
      if (afterTurn) await afterTurn(context, turnData(context));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).filter((member) => member.id !== context.activity.recipient.id);
      if (joined.length > 0) await conversation.onMembersAdded(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await conversation.onMembersAdded(context);
      await next();
    });
  }
}
