// The Teams channel: Bot Framework authentication, proactive messages, the app package.
export { createBotFrameworkAuthentication, authenticationDisabled, type BotIdentity, type BotAuthenticationEndpoints } from './auth.js';
export { TeamsProactive, classifyConnectorError, type TeamsDeliveryResult, type ProactiveAdapter } from './proactive.js';
