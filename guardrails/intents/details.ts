import type { Channel, Language, Medium, MinorUnits } from '../domain/index.js';

// What a recognized intent carries beyond its name: the medium of an opt-out, the attorney's
// contact, the times a consumer named, the amount and day of a promise. Extracted from the
// normalized text (see normalize.ts) and, for names and contacts, from the original text.

export type OptOutMedium = Medium | 'any';

export interface ChannelOptOutDetail {
  /** The medium the consumer opted out of; 'any' when they named several or none could be told. */
  medium: OptOutMedium;
  media: OptOutMedium[];
  /** A bare SMS keyword (STOP, UNSUBSCRIBE...): the medium is the channel it came on. */
  keyword: boolean;
}

export interface AttorneyDetail {
  /** False when the consumer only says they will get a lawyer: ask for the details. */
  represented: boolean;
  name?: string;
  phone?: string;
  email?: string;
  firm?: string;
}

export interface InconvenientTimeDetail {
  /** No contact before this local time (HH:MM). */
  notBefore?: string;
  /** No contact after this local time (HH:MM). */
  notAfter?: string;
  /** Blocked stretches inside the day ("during my shift, 7am to 3pm"). */
  blocked?: Array<{ from: string; to: string }>;
  /** Contact only on these ISO weekdays (1 = Monday ... 7 = Sunday). */
  onlyDays?: number[];
  /** No contact on these ISO weekdays. */
  notDays?: number[];
  said: string;
}

export interface InconvenientPlaceDetail {
  place: 'work' | 'home' | 'other';
  /** The consumer says the employer prohibits contact at work (1006.6(b)(3)). */
  employerProhibits: boolean;
  said: string;
}

export interface PaymentDate {
  kind: 'weekday' | 'relative' | 'day-of-month' | 'calendar' | 'payday' | 'in-days';
  weekday?: number;
  relative?: 'today' | 'tonight' | 'tomorrow' | 'next-week' | 'end-of-week' | 'end-of-month' | 'next-month';
  day?: number;
  month?: number;
  days?: number;
  said: string;
}

export interface PromiseToPayDetail {
  amount?: MinorUnits;
  date?: PaymentDate;
}

export interface PaymentPlanDetail {
  amount?: MinorUnits;
  every?: 'week' | 'two-weeks' | 'month';
}

export interface SettlementDetail {
  amount?: MinorUnits;
  /** A share of the balance the consumer proposes (0.5 for "half"). */
  fraction?: number;
}

export interface IntentDetails {
  dispute?: { scope: 'all' | 'part' };
  cease_communication?: { kind: 'cease' | 'refusal' };
  channel_opt_out?: ChannelOptOutDetail;
  attorney?: AttorneyDetail;
  bankruptcy?: { status: 'filed' | 'considering' | 'mentioned'; chapter?: number };
  inconvenient_time?: InconvenientTimeDetail;
  inconvenient_place?: InconvenientPlaceDetail;
  promise_to_pay?: PromiseToPayDetail;
  payment_plan?: PaymentPlanDetail;
  settlement?: SettlementDetail;
  language_change?: { to: Language };
}

const SMS = /(?<= )(?:text|txt|sms|messag|mensaj|texto|textee|whatsapp|dm)[a-z]*(?= )/;
const EMAIL = /(?<= )(?:e ?mail|mail|correo)[a-z]*(?= )/;
const VOICE = /(?<= )(?:call|phon|ring|voicemail|robocall|llam)[a-z]*(?= )/;
const TEAMS = /(?<= )teams(?= )/;

export function optOutDetail(text: string, evidence: string, channel: Channel | undefined, keyword: boolean): ChannelOptOutDetail {
  const here: Medium | undefined = channel;
  if (keyword) {
    const medium: OptOutMedium = here ?? 'sms';
    return { medium, media: [medium], keyword: true };
  }
  // The medium named in the opt-out itself wins; otherwise any medium named in the message.
  // From the opt-out to the end of its clause: "stop calling and texting me" names both media.
  const at = text.indexOf(evidence);
  const rest = at >= 0 ? text.slice(at) : evidence;
  const end = rest.search(/ [.,?] /);
  const media = mediaIn(end >= 0 ? rest.slice(0, end) : rest);
  const found = media.length > 0 ? media : mediaIn(text);
  if (found.length === 0) {
    const medium: OptOutMedium = here ?? 'any';
    return { medium, media: [medium], keyword: false };
  }
  return { medium: found.length === 1 ? (found[0] ?? 'any') : 'any', media: found, keyword: false };
}

function mediaIn(text: string): Medium[] {
  const media: Medium[] = [];
  const padded = ` ${text} `;
  if (SMS.test(padded)) media.push('sms');
  if (EMAIL.test(padded)) media.push('email');
  if (VOICE.test(padded)) media.push('voice');
  if (TEAMS.test(padded)) media.push('teams');
  return media;
}

const PHONE = /(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b|\b\d{3}[.-]\d{4}\b/;
const EMAIL_ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const NAME_AFTER = /\b(?:name is|named|called|attorney|lawyer|counsel|solicitor|abogad[oa]|licenciad[oa]|se llama|nombre es)\s+(?:is\s+|es\s+)?((?:(?:Mr|Mrs|Ms|Dr|Lic|Atty)\.?\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})/;
const FIRM = /\b((?:[A-Z][\w'.-]*\s+){0,3}(?:&\s+)?[A-Z][\w'.-]*\s+(?:Law(?:\s+(?:Firm|Group|Office|Offices|Center|LLP|LLC|PC))?|LLP|LLC|P\.?C\.?|&\s+Associates|Legal(?:\s+(?:Services|Aid|Group))?))\b|\b(?:law firm|law office of|law offices of|bufete|despacho)\s+(?:is\s+|de\s+)?((?:[A-Z][\w'.-]*\s*){1,4})/;
const NOT_NAMES = new Set(['I', 'Is', 'The', 'A', 'An', 'He', 'She', 'They', 'My', 'Him', 'Her', 'It', 'This', 'That', 'And', 'Will', 'Handling', 'Es', 'El', 'La']);

export function attorneyDetail(original: string, text: string): AttorneyDetail {
  const detail: AttorneyDetail = {
    represented: !/(?<= )(?:going to|will|about to|plan to|planning to|voy a|vamos a|thinking about|thinking of|might|may|should i) (?:get|hire|retain|call|contact|talk to|speak to|speak with|consult|see|find|contratar|buscar|conseguir|getting|hiring)(?= )/.test(text) ||
      /(?<= )(?:have|got|hired|retained|my|represented|mi|tengo)(?= )/.test(text.replace(/(?:going to|will|voy a) (?:get|hire|contratar)/g, '')),
  };
  const phone = PHONE.exec(original);
  if (phone) detail.phone = phone[0].trim();
  const email = EMAIL_ADDRESS.exec(original);
  if (email) detail.email = email[0];
  const name = NAME_AFTER.exec(original);
  const candidate = name?.[1]?.trim();
  if (candidate && !NOT_NAMES.has(candidate.split(/\s+/)[0] ?? '')) detail.name = candidate.replace(/[.,]$/, '');
  const firm = FIRM.exec(original);
  const firmName = (firm?.[1] ?? firm?.[2])?.trim();
  if (firmName) detail.firm = firmName.replace(/[.,]$/, '');
  return detail;
}

const TIME = String.raw`(\d{1,2})(?::(\d{2}))? ?(am|pm|de la manana|de la tarde|de la noche|in the morning|in the evening|at night)?|(noon|midnight|mediodia|medianoche|lunch(?:time)?)`;
const NEGATIVE = /(?<= )(?:do not|never|no|not|stop|can not|unable|quit|without|nunca|busy|asleep|sleeping|work|working|trabajo|turno|shift|shifts|wait)(?= )/;
const ONLY = /(?<= )(?:only|solo|solamente|best|better|prefer|mejor|good time|buena hora)(?= )/;
const DAYS: ReadonlyArray<[RegExp, number[]]> = [
  [/(?<= )(?:weekends?|the weekend|fines? de semana)(?= )/, [6, 7]],
  [/(?<= )(?:weekdays?|entre semana|during the week)(?= )/, [1, 2, 3, 4, 5]],
  [/(?<= )(?:mondays?|lunes)(?= )/, [1]],
  [/(?<= )(?:tuesdays?|martes)(?= )/, [2]],
  [/(?<= )(?:wednesdays?|miercoles)(?= )/, [3]],
  [/(?<= )(?:thursdays?|jueves)(?= )/, [4]],
  [/(?<= )(?:fridays?|viernes)(?= )/, [5]],
  [/(?<= )(?:saturdays?|sabados?)(?= )/, [6]],
  [/(?<= )(?:sundays?|domingos?)(?= )/, [7]],
];

function clock(hour: number, minute: number): string {
  return `${String(hour % 24).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Hours without am/pm read as a person means them: "before 9" is 09:00, "after 8" is 20:00. */
function toClock(match: RegExpExecArray, offset: number, direction: 'start' | 'end'): { hour: number; minute: number } | undefined {
  const word = match[offset + 3];
  if (word) {
    if (word.startsWith('noon') || word.startsWith('medio') || word.startsWith('lunch')) return { hour: 12, minute: 0 };
    return { hour: 0, minute: 0 };
  }
  const hour = Number(match[offset]);
  const minute = Number(match[offset + 1] ?? 0);
  if (!Number.isInteger(hour) || hour > 23 || minute > 59) return undefined;
  const suffix = match[offset + 2];
  if (suffix === 'am' || suffix === 'de la manana' || suffix === 'in the morning') return { hour: hour === 12 ? 0 : hour, minute };
  if (suffix) return { hour: hour < 12 ? hour + 12 : hour, minute };
  if (hour >= 12 || hour === 0) return { hour, minute };
  if (direction === 'end') return { hour: hour + 12, minute };
  return { hour: hour <= 6 ? hour + 12 : hour, minute };
}

export function inconvenientTimeDetail(text: string, said: string): InconvenientTimeDetail {
  const detail: InconvenientTimeDetail = { said };
  const only = ONLY.test(text);
  const negative = NEGATIVE.test(text) && !only;
  const range = new RegExp(`(?:between|from|de|entre|desde)(?: las| la)? (?:${TIME}) (?:and|to|till|until|-|a|y|hasta)(?: las| la)? (?:${TIME})`).exec(text) ??
    new RegExp(`(?<= )(?:${TIME}) (?:to|till|until|-|a|hasta) (?:${TIME})(?= )`).exec(text);
  if (range) {
    const from = toClock(range, 1, 'start');
    const toRaw = toClock(range, 5, 'start');
    if (from && toRaw) {
      const to = toRaw.hour <= from.hour && toRaw.hour < 12 && !range[7] ? { hour: toRaw.hour + 12, minute: toRaw.minute } : toRaw;
      if (negative) detail.blocked = [{ from: clock(from.hour, from.minute), to: clock(to.hour, to.minute) }];
      else {
        detail.notBefore = clock(from.hour, from.minute);
        detail.notAfter = clock(to.hour, to.minute);
      }
    }
  } else {
    const before = new RegExp(`(?:before|until|till|antes de|antes del|hasta)(?: las| la| after)? (?:${TIME})`).exec(text);
    if (before) {
      const time = toClock(before, 1, 'start');
      if (time) {
        if (negative || !only) detail.notBefore = clock(time.hour, time.minute);
        else detail.notAfter = clock(time.hour, time.minute);
      }
    }
    const after = new RegExp(`(?:after|past|later than|despues de|despues del)(?: las| la)? (?:${TIME})`).exec(text);
    if (after) {
      const time = toClock(after, 1, 'end');
      if (time) {
        if (negative) detail.notAfter = clock(time.hour, time.minute);
        else detail.notBefore = clock(time.hour, time.minute);
      }
    }
    if (!before && !after) {
      if (/(?<= )(?:mornings?|manana|mananas|early)(?= )/.test(text)) {
        if (negative) detail.notBefore = '12:00';
        else if (only) detail.notAfter = '12:00';
      }
      if (/(?<= )(?:evenings?|nights?|late|noche|noches|tarde)(?= )/.test(text) && !/(?<= )work (?:nights|evenings|late)(?= )/.test(text)) {
        if (negative) detail.notAfter = /(?<= )(?:evenings?|tarde)(?= )/.test(text) ? '17:00' : '20:00';
        else if (only) detail.notBefore = '17:00';
      }
    }
  }
  const days = [...new Set(DAYS.filter(([pattern]) => pattern.test(text)).flatMap(([, list]) => list))].sort((a, b) => a - b);
  if (days.length > 0) {
    if (only || !negative) detail.onlyDays = days;
    else detail.notDays = days;
  }
  return detail;
}

export function inconvenientPlaceDetail(text: string, said: string): InconvenientPlaceDetail {
  const work = /(?<= )(?:work|job|office|employer|boss|workplace|shift|trabajo|oficina|jefe|empleador|patron|empresa)(?= )/.test(text);
  const home = /(?<= )(?:home|house|casa)(?= )/.test(text);
  return {
    place: work ? 'work' : home ? 'home' : 'other',
    employerProhibits: /(?:employer|boss|work|job|company|workplace|jefe|empleador|patron|empresa|trabajo) <?(?:[^ .,?]+ ){0,4}(?:does not|do not|will not|would not|not|never|no) (?:me )?(?:allow|let|permit|permite|deja|permiten|dejan)/.test(text) ||
      /(?:not allowed|not permitted|no me dejan|get me (?:fired|in trouble)|get fired)/.test(text),
    said,
  };
}

const AMOUNT = /(?<= )(?:([$£€])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(k)?|(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))? ?(?:dollars?|bucks|usd|pounds|quid|dolares|pesos))(?= )/;

export function amountIn(text: string): MinorUnits | undefined {
  const match = AMOUNT.exec(text);
  if (!match) return undefined;
  const whole = (match[2] ?? match[5] ?? '').replace(/,/g, '');
  const cents = match[3] ?? match[6] ?? '';
  let value = Number(whole) * 100 + (cents ? Number(cents.padEnd(2, '0')) : 0);
  if (match[4]) value *= 1000;
  return Number.isFinite(value) ? value : undefined;
}

const WEEKDAYS: ReadonlyArray<[RegExp, number]> = [
  [/(?<= )(?:monday|lunes)(?= )/, 1], [/(?<= )(?:tuesday|martes)(?= )/, 2], [/(?<= )(?:wednesday|miercoles)(?= )/, 3],
  [/(?<= )(?:thursday|jueves)(?= )/, 4], [/(?<= )(?:friday|viernes)(?= )/, 5], [/(?<= )(?:saturday|sabado)(?= )/, 6], [/(?<= )(?:sunday|domingo)(?= )/, 7],
];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MESES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

export function paymentDateIn(text: string): PaymentDate | undefined {
  const monthDay = /(?<= )(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* (\d{1,2})(?:st|nd|rd|th)?(?= )/.exec(text);
  if (monthDay) return { kind: 'calendar', month: MONTHS.indexOf((monthDay[1] ?? '').slice(0, 3)) + 1, day: Number(monthDay[2]), said: monthDay[0] };
  const diaMes = new RegExp(`(?<= )(\\d{1,2}) de (${MESES.join('|')})(?= )`).exec(text);
  if (diaMes) return { kind: 'calendar', month: MESES.indexOf(diaMes[2] ?? '') + 1, day: Number(diaMes[1]), said: diaMes[0] };
  const slash = /(?<= )(\d{1,2})\/(\d{1,2})(?= )/.exec(text);
  if (slash) return { kind: 'calendar', month: Number(slash[1]), day: Number(slash[2]), said: slash[0] };
  const ordinal = /(?<= )(?:the |el |on the )?(\d{1,2})(?:st|nd|rd|th)(?= )|(?<= )el (\d{1,2})(?= )/.exec(text);
  if (ordinal) return { kind: 'day-of-month', day: Number(ordinal[1] ?? ordinal[2]), said: ordinal[0] };
  for (const [pattern, weekday] of WEEKDAYS) {
    const found = pattern.exec(text);
    if (found) return { kind: 'weekday', weekday, said: found[0] };
  }
  const relative: ReadonlyArray<[RegExp, NonNullable<PaymentDate['relative']>]> = [
    [/(?<= )(?:tomorrow|manana)(?= )/, 'tomorrow'], [/(?<= )(?:tonight|esta noche)(?= )/, 'tonight'], [/(?<= )(?:today|hoy|later today)(?= )/, 'today'],
    [/(?<= )(?:next week|la proxima semana|la otra semana)(?= )/, 'next-week'], [/(?<= )(?:end of (?:the )?week|fin de semana)(?= )/, 'end-of-week'],
    [/(?<= )(?:end of (?:the )?month|fin de mes|first of (?:the )?month|primero de mes)(?= )/, 'end-of-month'], [/(?<= )(?:next month|el mes que viene|el proximo mes)(?= )/, 'next-month'],
  ];
  for (const [pattern, value] of relative) {
    const found = pattern.exec(text);
    if (found) return { kind: 'relative', relative: value, said: found[0] };
  }
  const within = /(?<= )in (a|one|two|three|four|five|a few|a couple of|\d+) (days?|weeks?)(?= )|(?<= )en (\d+|unos|dos|tres) (dias?|semanas?)(?= )/.exec(text);
  if (within) {
    const count: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, 'a few': 3, 'a couple of': 2, unos: 3, dos: 2, tres: 3 };
    const raw = within[1] ?? within[3] ?? '1';
    const unit = within[2] ?? within[4] ?? 'days';
    const n = count[raw] ?? Number(raw);
    return { kind: 'in-days', days: unit.startsWith('week') || unit.startsWith('semana') ? n * 7 : n, said: within[0] };
  }
  const payday = /(?<= )(?:payday|when i get paid|once i get paid|after i get paid|cuando me paguen|quincena)(?= )/.exec(text);
  if (payday) return { kind: 'payday', said: payday[0] };
  return undefined;
}

export function paymentPlanDetail(text: string): PaymentPlanDetail {
  const detail: PaymentPlanDetail = {};
  const amount = amountIn(text);
  if (amount !== undefined) detail.amount = amount;
  if (/(?<= )(?:every|each|a|per|cada) (?:two|2|other) weeks|biweekly|bi weekly|quincena|quincenal|cada dos semanas/.test(text)) detail.every = 'two-weeks';
  else if (/(?<= )(?:a|per|each|every|al|por|cada|\/) ?(?:month|mo|mes)(?= )|monthly|mensual/.test(text)) detail.every = 'month';
  else if (/(?<= )(?:a|per|each|every|al|por|cada|\/) ?(?:week|wk|semana|paycheck|payday|friday)(?= )|weekly|semanal/.test(text)) detail.every = 'week';
  return detail;
}

export function settlementDetail(text: string): SettlementDetail {
  const detail: SettlementDetail = {};
  const percent = /(?<= )(\d{1,2})(?:%| ?percent| por ciento)(?= )/.exec(text);
  if (/(?<= )(?:half|mitad)(?= )/.test(text)) detail.fraction = 0.5;
  else if (percent) detail.fraction = Number(percent[1]) / 100;
  const amount = amountIn(text);
  if (amount !== undefined) detail.amount = amount;
  return detail;
}

export function bankruptcyDetail(text: string): { status: 'filed' | 'considering' | 'mentioned'; chapter?: number } {
  const chapterMatch = /(?<= )(?:chapter|ch|capitulo) (7|11|13|seven|eleven|thirteen|siete|once|trece)(?= )/.exec(text);
  const words: Record<string, number> = { seven: 7, eleven: 11, thirteen: 13, siete: 7, once: 11, trece: 13 };
  const chapter = chapterMatch ? (words[chapterMatch[1] ?? ''] ?? Number(chapterMatch[1])) : undefined;
  const considering = /(?<= )(?:thinking|considering|might|may|going to|planning|plan to|should i|pensando|voy a|quizas|talvez|tal vez)(?= )/.test(text);
  const filed = /(?<= )(?:filed|file|filing|discharged|discharge|in a chapter|in chapter|declared|declare|am bankrupt|went bankrupt|trustee|stay|declare|me declare|estoy en|case|plan)(?= )/.test(text);
  const status = filed && !considering ? 'filed' : considering ? 'considering' : chapter !== undefined ? 'filed' : 'mentioned';
  return chapter === undefined ? { status } : { status, chapter };
}

export function languageTarget(text: string): Language {
  if (/(?<= )(?:spanish|espanol|castellano)(?= )/.test(text)) {
    // "no hablo espanol" asks for English.
    return /(?<= )no (?:hablo|entiendo|leo) (?:bien |mucho )?(?:el )?espanol(?= )/.test(text) ? 'en' : 'es';
  }
  return /(?<= )(?:do not|can not|does not|barely|no) (?:speak|read|understand|talk|write|hablo|entiendo|leo) (?:much |good |well |very well |bien |mucho |el )?(?:english|ingles)(?= )/.test(text) ||
    /english is not my/.test(text)
    ? 'es'
    : 'en';
}
