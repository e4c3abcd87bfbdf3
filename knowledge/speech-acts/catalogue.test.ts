import { describe, expect, it } from 'vitest';
import { messagePurposeSchema } from '../../guardrails/index.js';
import { describeSpeechAct, isSpeechActId, speechActIds, UnknownSpeechActError } from './describe.js';

describe('the speech-act catalogue', () => {
  it('holds every act the dialogs and channels are specified to say', () => {
    const required = [
      'identity.ask', 'identity.failed', 'identity.locked', 'greeting.automated-assistant', 'balance.itemization', 'payment.link',
      'payment.confirmed', 'plan.offer', 'plan.counter-out-of-bounds', 'plan.confirmed', 'settlement.offer', 'promise.recorded',
      'dispute.confirm-question', 'dispute.recorded', 'validation.requested', 'cease.confirmed', 'optout.confirmed',
      'inconvenient-time.recorded', 'attorney.ask-contact', 'attorney.recorded', 'bankruptcy.recorded', 'deceased.recorded',
      'wrong-person.recorded', 'military.recorded', 'hardship.options', 'hardship.uk-debt-advice', 'crisis.resources-us',
      'crisis.resources-uk', 'handoff.queued', 'complaint.recorded', 'faq.answer', 'faq.not-found', 'language.switched',
      'privacy.how-used', 'why-contacting', 'transcript.copy', 'doom-loop.offer-person', 'fallback.safe', 'sms.help',
      'sms.stop-confirmed', 'sms.start-confirmed', 'pre-verification.business-matter', 'menu', 'cease.notice-ending',
      'cease.notice-remedy', 'cease.notice-specific-remedy',
    ];
    expect(required.filter((id) => !isSpeechActId(id))).toEqual([]);
  });

  it("gives every act one of the gate's message purposes", () => {
    for (const id of speechActIds) expect(messagePurposeSchema.options, id).toContain(describeSpeechAct(id).purpose);
  });

  it('names the money and date slots so the gate can allow exactly those amounts and dates', () => {
    const itemization = describeSpeechAct('balance.itemization');
    expect(itemization.moneySlots).toEqual(['amountAtItemization', 'interest', 'fees', 'payments', 'credits', 'currentBalance']);
    expect(itemization.dateSlots).toEqual(['itemizationDate', 'validationEndDate']);
    expect(describeSpeechAct('promise.recorded')).toMatchObject({ moneySlots: ['amount'], dateSlots: ['date'] });
    expect(describeSpeechAct('identity.ask')).toMatchObject({ moneySlots: [], dateSlots: [] });
  });

  it('marks what reveals a debt, so nothing of the kind is said before verification', () => {
    expect(describeSpeechAct('balance.current').revealsDebt).toBe(true);
    expect(describeSpeechAct('payment.link').revealsDebt).toBe(true);
    for (const id of ['pre-verification.business-matter', 'identity.ask', 'wrong-person.recorded', 'deceased.recorded', 'optout.confirmed', 'fallback.safe', 'reminder.check-in']) {
      expect(describeSpeechAct(id).revealsDebt, id).toBe(false);
    }
  });

  it('keeps the opt-out confirmations and the cease notices under their own purposes', () => {
    expect(describeSpeechAct('optout.confirmed').purpose).toBe('opt-out-confirmation');
    expect(describeSpeechAct('sms.stop-confirmed').purpose).toBe('opt-out-confirmation');
    expect(describeSpeechAct('cease.notice-ending').purpose).toBe('cease-notice-ending');
    expect(describeSpeechAct('cease.notice-remedy').purpose).toBe('cease-notice-remedy');
    expect(describeSpeechAct('cease.notice-specific-remedy').purpose).toBe('cease-notice-specific-remedy');
    expect(describeSpeechAct('crisis.resources-us').purpose).toBe('crisis-support');
  });

  it('refuses an unknown id, suggesting the known ones of the same family', () => {
    expect(isSpeechActId('payment.lnk')).toBe(false);
    expect(() => describeSpeechAct('payment.lnk')).toThrow(UnknownSpeechActError);
    expect(() => describeSpeechAct('payment.lnk')).toThrow(/unknown speech act "payment.lnk".*payment\.link/);
  });
});
