import { TeamsActivityHandler } from 'botbuilder';
import type { ParleyConversation } from '../../dialogs/index.js';

/**
 * The bot every channel reaches: Teams (personal chats, install), web chat and SMS share the same
 * conversation. Botbuilder types stay here, at the edge; the conversation logic is in dialogs/.
 */
export class ParleyBot extends TeamsActivityHandler {
  constructor(conversation: ParleyConversation) {
    super();
    this.onMessage(async (context, next) => {
      await conversation.onMessage(context);
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
