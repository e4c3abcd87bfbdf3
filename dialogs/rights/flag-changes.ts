import {
  validationPeriod,
  type Account,
  type Channel,
  type Classification,
  type ConsumerFlags,
  type IntentId,
  type Medium,
} from '../../guardrails/index.js';

/** One durable change a recognized right makes, as recorded in the audit trail. */
export interface FlagChange {
  intent: IntentId;
  /** The flags field it sets, for the officer reading the trail. */
  field: keyof ConsumerFlags;
  apply: (flags: ConsumerFlags) => ConsumerFlags;
  summary: Record<string, unknown>;
}

const ALL_MEDIA: readonly Medium[] = ['sms', 'email', 'voice', 'teams', 'webchat'];

export interface ChangeContext {
  account: Account;
  channel: Channel;
  /** The consumer's number or address on this channel (SMS: E.164). */
  address?: string;
  at: Date;
  /** The words that carried the right, masked, kept with the flag. */
  said: string;
}

/**
 * The flag changes the safety net's findings require (DESIGN.md principle 3): each right recognized
 * changes the durable flags at once, before any dialog runs. Pure: the caller writes them.
 */
export function flagChangesFor(classification: Pick<Classification, 'intents' | 'details'>, context: ChangeContext): FlagChange[] {
  const at = context.at.toISOString();
  const { details } = classification;
  const changes: FlagChange[] = [];
  for (const intent of classification.intents) {
    switch (intent) {
      case 'dispute': {
        const scope = details.dispute?.scope ?? 'all';
        const period = validationPeriod(context.account, context.at);
        const withinValidationPeriod = period?.running ?? false;
        changes.push({
          intent,
          field: 'dispute',
          apply: (flags) => (flags.dispute ? flags : { ...flags, dispute: { at, scope, description: context.said, withinValidationPeriod } }),
          summary: { scope, withinValidationPeriod, validationPeriodEnds: period?.endsOn ?? null },
        });
        break;
      }
      case 'validation_request':
        changes.push({ intent, field: 'validationRequested', apply: (flags) => ({ ...flags, validationRequested: flags.validationRequested ?? { at } }), summary: {} });
        break;
      case 'cease_communication': {
        const kind = details.cease_communication?.kind ?? 'cease';
        changes.push({ intent, field: 'cease', apply: (flags) => ({ ...flags, cease: flags.cease ?? { at, kind } }), summary: { kind } });
        break;
      }
      case 'channel_opt_out': {
        const detail = details.channel_opt_out;
        const named = detail?.media ?? [detail?.medium ?? context.channel];
        const media = named.includes('any') ? ALL_MEDIA : (named.filter((medium) => medium !== 'any') as Medium[]);
        changes.push({
          intent,
          field: 'optOuts',
          apply: (flags) => ({
            ...flags,
            optOuts: [
              ...flags.optOuts,
              ...media
                .filter((medium) => !flags.optOuts.some((optOut) => optOut.medium === medium))
                .map((medium) => ({ medium, at, address: medium === context.channel ? context.address : undefined, confirmationSent: false })),
            ],
          }),
          summary: { media },
        });
        break;
      }
      case 'attorney': {
        const detail = details.attorney;
        if (!detail?.represented && !detail?.name && !detail?.phone && !detail?.email) break;
        const contact = { name: detail.name, phone: detail.phone, email: detail.email, firm: detail.firm };
        changes.push({
          intent,
          field: 'attorney',
          apply: (flags) => ({ ...flags, attorney: { ...flags.attorney, ...definedOnly(contact), at: flags.attorney?.at ?? at } }),
          summary: { contactGiven: Boolean(detail.name || detail.phone || detail.email || detail.firm) },
        });
        break;
      }
      case 'bankruptcy':
        if (details.bankruptcy?.status === 'considering') break;
        changes.push({ intent, field: 'bankruptcy', apply: (flags) => ({ ...flags, bankruptcy: flags.bankruptcy ?? { at } }), summary: { status: details.bankruptcy?.status ?? 'mentioned' } });
        break;
      case 'inconvenient_time': {
        const detail = details.inconvenient_time;
        if (!detail || (!detail.notBefore && !detail.notAfter && !detail.onlyDays && !detail.notDays && !detail.blocked)) break;
        const entries = inconvenientTimeEntries(detail, at);
        changes.push({
          intent,
          field: 'inconvenientTimes',
          apply: (flags) => ({ ...flags, inconvenientTimes: [...flags.inconvenientTimes, ...entries] }),
          summary: { said: detail.said, entries: entries.map(({ notBefore, notAfter, days }) => ({ notBefore, notAfter, days })) },
        });
        break;
      }
      case 'inconvenient_place': {
        const detail = details.inconvenient_place;
        const place = detail?.place ?? 'work';
        changes.push({
          intent,
          field: 'inconvenientPlaces',
          apply: (flags) => ({
            ...flags,
            inconvenientPlaces: [...flags.inconvenientPlaces, { at, place, said: detail?.said }],
            workplaceProhibited: flags.workplaceProhibited || (place === 'work' && (detail?.employerProhibits ?? false)),
          }),
          summary: { place, employerProhibits: detail?.employerProhibits ?? false },
        });
        break;
      }
      case 'wrong_person':
        changes.push({
          intent,
          field: 'wrongPerson',
          apply: (flags) => ({
            ...flags,
            wrongPerson: { at: flags.wrongPerson?.at ?? at, numbers: [...new Set([...(flags.wrongPerson?.numbers ?? []), ...(context.address ? [context.address] : [])])] },
          }),
          summary: { numberMarked: Boolean(context.address) },
        });
        break;
      case 'deceased':
        changes.push({ intent, field: 'deceased', apply: (flags) => ({ ...flags, deceased: flags.deceased ?? { at } }), summary: {} });
        break;
      case 'crisis':
        changes.push({ intent, field: 'crisis', apply: (flags) => ({ ...flags, crisis: { at } }), summary: {} });
        break;
      case 'military':
        changes.push({ intent, field: 'military', apply: (flags) => ({ ...flags, military: flags.military ?? { at } }), summary: {} });
        break;
      case 'hardship':
        changes.push({ intent, field: 'hardship', apply: (flags) => ({ ...flags, hardship: { at, note: context.said } }), summary: {} });
        break;
      case 'language_change': {
        const to = details.language_change?.to;
        if (to) changes.push({ intent, field: 'language', apply: (flags) => ({ ...flags, language: to }), summary: { to } });
        break;
      }
      default:
        break;
    }
  }
  return changes;
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

type InconvenientTime = ConsumerFlags['inconvenientTimes'][number];

/**
 * Flags hold "not before", "not after" and "not at all on these weekdays". A stretch blocked inside
 * the day ("during my shift, 7 to 3") becomes the strictest of those that covers it: a stretch
 * from the morning becomes "not before" its end, one into the evening "not after" its start, and
 * one in the middle of the day "not before" its end. Stricter than asked never harms the consumer.
 */
function inconvenientTimeEntries(detail: NonNullable<Classification['details']['inconvenient_time']>, at: string): InconvenientTime[] {
  const entries: InconvenientTime[] = [];
  if (detail.notBefore || detail.notAfter) entries.push({ at, notBefore: detail.notBefore, notAfter: detail.notAfter, said: detail.said });
  for (const stretch of detail.blocked ?? []) {
    entries.push(stretch.to >= '21:00' && stretch.from > '08:00' ? { at, notAfter: stretch.from, said: detail.said } : { at, notBefore: stretch.to, said: detail.said });
  }
  const offDays = detail.notDays ?? (detail.onlyDays ? [1, 2, 3, 4, 5, 6, 7].filter((day) => !detail.onlyDays!.includes(day)) : []);
  if (offDays.length > 0) entries.push({ at, days: offDays, said: detail.said });
  return entries;
}

/** STOP on SMS: an opt-out of texts to this number, kept with the number and the instant. */
export function smsOptOutChange(at: string, address: string | undefined): FlagChange {
  return {
    intent: 'channel_opt_out',
    field: 'optOuts',
    apply: (flags) =>
      flags.optOuts.some((optOut) => optOut.medium === 'sms')
        ? flags
        : { ...flags, optOuts: [...flags.optOuts, { medium: 'sms', at, address, confirmationSent: false }] },
    summary: { media: ['sms'], keyword: true },
  };
}

/** START on SMS: texts may go to this number again. */
export function smsOptInChange(): FlagChange {
  return {
    intent: 'channel_opt_out',
    field: 'optOuts',
    apply: (flags) => ({ ...flags, optOuts: flags.optOuts.filter((optOut) => optOut.medium !== 'sms') }),
    summary: { media: ['sms'], keyword: true, optedBackIn: true },
  };
}
