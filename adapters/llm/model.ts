// The chat model client: OpenAI, any OpenAI-compatible server (baseUrl), or Azure OpenAI.
import { AzureChatOpenAI, ChatOpenAI } from '@langchain/openai';
import type { LlmSettings } from './types.js';

export interface ModelTuning {
  temperature?: number;
  maxTokens?: number;
}

/**
 * Retries are this layer's policy (budget.ts), so the client's own are off; its timeout is the budget
 * as a second guard behind the AbortSignal.
 */
export function createChatModel(settings: LlmSettings, tuning: ModelTuning = {}): ChatOpenAI {
  const common = {
    maxRetries: 0,
    timeout: settings.timeoutMs,
    temperature: tuning.temperature,
    maxTokens: tuning.maxTokens,
  };
  if (settings.azure) {
    const { azure } = settings;
    return new AzureChatOpenAI({
      ...common,
      model: settings.model,
      azureOpenAIApiKey: azure.apiKey,
      azureOpenAIApiInstanceName: azure.instanceName,
      azureOpenAIApiDeploymentName: azure.deploymentName,
      azureOpenAIApiVersion: azure.apiVersion,
      ...(azure.endpoint ? { azureOpenAIEndpoint: azure.endpoint.replace(/\/+$/, '') } : {}),
    });
  }
  if (!settings.apiKey) throw new Error('an API key is required (the OpenAI client refuses to start without one, even for a local server)');
  return new ChatOpenAI({
    ...common,
    model: settings.model,
    apiKey: settings.apiKey,
    configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : {},
  });
}

/** The name the audit trail records: the Azure deployment, or the model. */
export function modelLabel(settings: LlmSettings): string {
  return settings.azure ? `azure:${settings.azure.deploymentName}` : settings.model;
}
