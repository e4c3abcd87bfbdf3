import { compose, measureSms, smsCapacity, smsUnits } from '../disclosures/index.js';
import { rulesInForce, rulesOfKind, ruleSetFor } from '../rules/index.js';
import type { GateRequest, SmsBudget } from './types.js';

export type SmsBudgetRequest = Omit<GateRequest, 'draft' | 'draftSource' | 'fallback' | 'channel'>;

/**
 * How much of an SMS is left for the body once the gate's disclosures are in, so a renderer can
 * write a body that always fits. Pass the body you intend (or none): the encoding depends on every
 * character of the final text, and one accented "ó" in a Spanish disclosure or body makes it UCS-2.
 * `remaining` counts GSM-7 septets or UCS-2 code units; `smsUnits(body)` measures a body the same way.
 */
export function smsBodyBudget(request: SmsBudgetRequest, body = ''): SmsBudget {
  const rules = rulesInForce(ruleSetFor(request.account.jurisdictions), request.at, 'sms');
  const maxSegments = rulesOfKind(rules, 'sms-length')[0]?.parameters.maxSegments ?? 1;
  // A one-character stand-in body keeps the separator it will need in the measure.
  const probe = body || 'x';
  const composition = compose({ body: probe, channel: 'sms', language: request.language, purpose: request.purpose, facts: request.facts, account: request.account, rules });
  const measure = measureSms(composition.text);
  const capacity = smsCapacity(measure.encoding, maxSegments);
  const bodyUnits = smsUnits(probe.trim(), measure.encoding);
  const overhead = measure.units - bodyUnits;
  return { encoding: measure.encoding, maxSegments, capacity, overhead, remaining: capacity - overhead - (body ? bodyUnits : 0) };
}
