// Bot Framework authentication for /api/messages: which tokens the bot accepts, and how it gets its own.
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants, type BotFrameworkAuthentication, type ServiceClientCredentialsFactory } from 'botframework-connector';

/** The bot's Azure identity (config.bot). */
export interface BotIdentity {
  appId?: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
}

/**
 * Where tokens are checked and obtained. Each defaults to the public Azure cloud; a test (or a
 * sovereign cloud) points them elsewhere. Setting any of them switches botframework-connector to its
 * "parameterized" mode, so all are passed, defaults filled in.
 */
export interface BotAuthenticationEndpoints {
  /** OpenID metadata whose JWKS signs tokens from channels (Teams, Azure Bot Service). */
  openIdMetadataUrl?: string;
  /** OpenID metadata for tokens issued by Azure AD (the Emulator, skills). */
  emulatorOpenIdMetadataUrl?: string;
  /** The `iss` of channel tokens. */
  tokenIssuer?: string;
  /** The authority the bot gets its own tokens from, to call the channel's connector. */
  loginUrl?: string;
  /** The audience of the bot's own tokens. */
  oauthScope?: string;
  /** Replaces how the bot's own credentials are made (MSAL against loginUrl by default). */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

export function createBotFrameworkAuthentication(bot: BotIdentity, endpoints: BotAuthenticationEndpoints = {}): BotFrameworkAuthentication {
  const identity = {
    MicrosoftAppId: bot.appId ?? '',
    MicrosoftAppPassword: bot.appPassword ?? '',
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId ?? '',
  };
  const parameterized =
    endpoints.openIdMetadataUrl !== undefined ||
    endpoints.emulatorOpenIdMetadataUrl !== undefined ||
    endpoints.tokenIssuer !== undefined ||
    endpoints.loginUrl !== undefined ||
    endpoints.oauthScope !== undefined;
  const options = parameterized
    ? {
        ...identity,
        ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: endpoints.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
        ToBotFromChannelTokenIssuer: endpoints.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
        ToChannelFromBotLoginUrl: endpoints.loginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: endpoints.oauthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
        OAuthUrl: AuthenticationConstants.OAuthUrl,
        CallerId: CallerIdConstants.PublicAzureChannel,
        ValidateAuthority: true,
      }
    : identity;
  return new ConfigurationBotFrameworkAuthentication(options, endpoints.credentialsFactory);
}

/** True when requests are not authenticated at all: no MicrosoftAppId (development only; config refuses it in production). */
export function authenticationDisabled(bot: BotIdentity): boolean {
  return !bot.appId;
}
