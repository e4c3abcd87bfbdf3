// Scripts for the fake OpenAI-compatible server: a model that answers the phrasing and the
// understanding prompts the way a well-behaved one would, with hooks for the adversarial cases.
import { messageText, type FakeReply, type RecordedRequest } from './fake-openai.js';

export const EMPTY_UNDERSTANDING = {
  intents: [],
  entities: { amounts: [], dates: [], medium: null, attorney: null, notBefore: null, notAfter: null, language: null },
};

export function isPhrasingRequest(request: RecordedRequest): boolean {
  return messageText(request, 'user').includes('APPROVED MESSAGE:');
}

export function speechActOf(request: RecordedRequest): string | undefined {
  return /SPEECH ACT: (\S+)/.exec(messageText(request, 'user'))?.[1];
}

/** The approved text the phrasing request carries (placeholders included). */
export function approvedText(request: RecordedRequest): string {
  const user = messageText(request, 'user');
  return /<<<\n([\s\S]*?)\n>>>/.exec(user)?.[1] ?? '';
}

/** A polite model: keeps the approved words (a faithful rewrite) and finds nothing more in a message. */
export function faithfulModel(override?: (request: RecordedRequest) => FakeReply | undefined) {
  return (request: RecordedRequest): FakeReply => {
    const custom = override?.(request);
    if (custom) return custom;
    if (isPhrasingRequest(request)) return { kind: 'text', content: approvedText(request) };
    return { kind: 'structured', value: EMPTY_UNDERSTANDING };
  };
}
