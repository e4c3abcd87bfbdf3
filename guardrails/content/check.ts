import type { Account } from '../domain/index.js';
import { findDates } from './dates.js';
import { accountAmounts, accountDates } from './facts.js';
import { findAmounts, wordsToNumber } from './money.js';
import { findSensitiveNumbers } from './numbers.js';
import {
  ABUSIVE,
  ACTIONS,
  AMOUNT_CONTEXT,
  CREDIT_RUIN,
  CRIMINAL,
  DEBT_REVEALING,
  EXPLANATION,
  FALSE_URGENCY,
  FEE,
  FEE_CLAIM,
  IMPERSONATION,
  LAST_FOUR,
  LEAKED,
  NO_FEE,
  OVERSHADOWING,
  SENSITIVE_ASK,
  UK_MISLEADING,
} from './phrases.js';
import { execAll, isDeniedAfter, isNegated, prepare, quote, sentenceAround, type Draft } from './text.js';
import type { DraftContext, IntendedAction } from './types.js';

/** One problem found in a draft: the rule id (mapped to its citation by the rule pack) and why, quoting the words. */
export interface DraftFinding {
  ruleId: string;
  reason: string;
}

// Every pattern is compiled once, at load. Words are matched whole: each list starts with a letter,
// so a word boundary starts it, and no letter or digit may follow it.
const words = (list: readonly string[], flags = 'g') => new RegExp(`\\b(?:${list.join('|')})(?![a-z0-9])`, flags);
const RE = {
  criminal: words(CRIMINAL),
  suit: words(ACTIONS.suit),
  garnishment: words(ACTIONS.garnishment),
  seizure: words(ACTIONS.seizure),
  creditReport: words(ACTIONS['credit-report']),
  creditRuin: words(CREDIT_RUIN),
  explanation: new RegExp(EXPLANATION),
  impersonation: words(IMPERSONATION, 'gm'),
  abusive: words(ABUSIVE),
  overshadowing: words(OVERSHADOWING),
  urgency: words(FALSE_URGENCY),
  leaked: new RegExp(`(?:${LEAKED.join('|')})`, 'gm'),
  uk: words(UK_MISLEADING),
  revealing: words(DEBT_REVEALING),
  sensitiveAsk: words(SENSITIVE_ASK),
  lastFour: new RegExp(LAST_FOUR),
  fee: new RegExp(FEE, 'g'),
  feeClaim: new RegExp(FEE_CLAIM),
  noFee: new RegExp(NO_FEE),
  settlement: new RegExp(AMOUNT_CONTEXT.settlement),
  instalment: new RegExp(AMOUNT_CONTEXT.instalment),
  feeContext: new RegExp(AMOUNT_CONTEXT.fee),
  planLength: /\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty[- ]four|thirty[- ]six|forty[- ]eight|sixty|dos|tres|cuatro|cinco|seis|doce|dieciocho|veinticuatro|treinta y seis)\s+(?:(?:monthly|weekly|biweekly|equal|more|additional|mensuales|semanales)\s+)?(months?|years?|weeks?|payments|instal+ments|meses|anos|semanas|cuotas|pagos|mensualidades)\b/g,
  planContext: /\b(?:plan|pay\w*|instal+ments?|over|spread|a month|per month|monthly|cuotas?|pagos?|plazos?|mensualidad\w*|al mes|por mes|mensual\w*)\b/,
  weekly: /\b(?:weekly|every week|each week|semanal\w*|cada semana)\b/,
  biweekly: /\b(?:biweekly|bi-weekly|every (?:two|2|other) weeks|fortnight\w*|quincenal\w*|cada (?:dos|2) semanas)\b/,
  pause: /\b(?:pause|skip|defer|suspend|postpone|hold off|freeze|pausa\w*|suspend\w*|aplaz\w*|posterg\w*)\w*\s+(?:\S+\s+){0,4}?(?:for\s+|por\s+|durante\s+)?(\d{1,2}|one|two|three|four|five|six|twelve|un|uno|dos|tres|cuatro|cinco|seis|doce)\s+(?:months?|meses|mes)\b/g,
  percent: /(\d{1,3}(?:[.,]\d+)?)\s?(?:%|percent\b|por ciento\b)/g,
  percentOff: /\b(?:off|discount\w*|descuento|rebaja|menos)\b/,
};

const ACTION_LABEL: Readonly<Record<IntendedAction, string>> = {
  suit: 'a lawsuit',
  garnishment: 'garnishment',
  seizure: 'seizure or levy',
  'credit-report': 'credit reporting',
};

function isIntended(action: IntendedAction, ctx: DraftContext): boolean {
  if (ctx.intendedActions?.includes(action)) return true;
  return action === 'suit' && ctx.account?.debt.suitIntended === true;
}

function isUk(account: Account | undefined): boolean {
  return !!account && (account.jurisdictions.includes('GB') || account.debt.currency === 'GBP');
}

function money(value: number): string {
  return (value / 100).toFixed(2);
}

class Findings {
  readonly list: DraftFinding[] = [];
  /** Sentences (by start) whose fee amount was already reported. */
  readonly feeSentences = new Set<number>();
  add(ruleId: string, reason: string): void {
    if (!this.list.some((finding) => finding.ruleId === ruleId && finding.reason === reason)) this.list.push({ ruleId, reason });
  }
}

/** Each match of `pattern` that is not negated in its clause. */
function* asserted(draft: Draft, pattern: RegExp): Generator<{ start: number; end: number; from: number; to: number }> {
  pattern.lastIndex = 0;
  for (const match of execAll(pattern, draft.folded)) {
    const start = match.index;
    const end = start + match[0].length;
    const { from, to } = sentenceAround(draft.folded, start, end);
    if (isNegated(draft.folded, start, from) || isDeniedAfter(draft.folded, end)) continue;
    yield { start, end, from, to };
  }
}

function firstMatch(draft: Draft, pattern: RegExp): { start: number; end: number } | undefined {
  pattern.lastIndex = 0;
  const match = pattern.exec(draft.folded);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

function checkThreats(draft: Draft, ctx: DraftContext, out: Findings): void {
  for (const hit of asserted(draft, RE.criminal)) {
    out.add('threat-criminal', `threatens arrest, jail or criminal action: "${quote(draft, hit.start, hit.end)}"`);
  }
  const timeBarred = ctx.account?.debt.timeBarred === true;
  const kinds: Array<[IntendedAction, RegExp]> = [
    ['suit', RE.suit],
    ['garnishment', RE.garnishment],
    ['seizure', RE.seizure],
    ['credit-report', RE.creditReport],
  ];
  for (const [kind, pattern] of kinds) {
    for (const hit of asserted(draft, pattern)) {
      const sentence = draft.folded.slice(hit.from, hit.to);
      // In a collector's message a remedy that is named, not negated and not explained as how the law
      // works, is a threat: "we take legal action", "no choice but to sue", "legal action is pending".
      if (RE.explanation.test(sentence)) continue;
      const words = quote(draft, hit.start, hit.end);
      if (kind === 'suit' && timeBarred) {
        out.add('time-barred-suit', `mentions suing on a time-barred debt: "${words}"`);
        continue;
      }
      // Credit reporting is lawful; it is flagged only when the caller says it is not intended.
      if (kind === 'credit-report' && !ctx.intendedActions) continue;
      if (!isIntended(kind, ctx)) out.add('threat-unintended-action', `threatens ${ACTION_LABEL[kind]}, which is not intended on this account: "${words}"`);
    }
  }
  for (const hit of asserted(draft, RE.creditRuin)) {
    out.add('threat-unintended-action', `overstates what will happen to the consumer's credit: "${quote(draft, hit.start, hit.end)}"`);
  }
}

function checkWording(draft: Draft, ctx: DraftContext, out: Findings): void {
  for (const hit of asserted(draft, RE.impersonation)) out.add('impersonation', `implies an attorney, court, government, police or credit-bureau role: "${quote(draft, hit.start, hit.end)}"`);
  RE.abusive.lastIndex = 0;
  for (const match of execAll(RE.abusive, draft.folded)) out.add('abusive-language', `uses abusive or demeaning language: "${quote(draft, match.index, match.index + match[0].length)}"`);
  RE.overshadowing.lastIndex = 0;
  for (const match of execAll(RE.overshadowing, draft.folded)) out.add('overshadowing', `discourages a dispute or overshadows the validation period: "${quote(draft, match.index, match.index + match[0].length)}"`);
  for (const hit of asserted(draft, RE.urgency)) out.add('false-urgency', `pressures with an invented deadline or urgency: "${quote(draft, hit.start, hit.end)}"`);
  RE.leaked.lastIndex = 0;
  for (const match of execAll(RE.leaked, draft.folded)) out.add('leaked-instructions', `contains instruction or system text: "${quote(draft, match.index, match.index + match[0].length)}"`);
  if (isUk(ctx.account)) {
    for (const hit of asserted(draft, RE.uk)) out.add('uk-misleading', `pressures the consumer to borrow or to sell property: "${quote(draft, hit.start, hit.end)}"`);
  }
}

function checkPersonalNumbers(draft: Draft, out: Findings): void {
  for (const found of findSensitiveNumbers(draft.folded)) {
    const digits = draft.folded.slice(found.start, found.end).replace(/\D/g, '');
    out.add('sensitive-number', found.kind === 'card' ? `contains a full card number (ending ${digits.slice(-4)})` : `contains a Social Security number (ending ${digits.slice(-4)})`);
  }
  for (const hit of asserted(draft, RE.sensitiveAsk)) {
    const sentence = draft.folded.slice(hit.from, hit.to);
    if (RE.lastFour.test(sentence)) continue;
    out.add('sensitive-number', `asks for a full card or Social Security number in the conversation: "${quote(draft, hit.start, hit.end)}"`);
  }
}

function checkDisclosure(draft: Draft, ctx: DraftContext, out: Findings, amountCount: number): void {
  if (ctx.facts.identityVerified) return;
  const word = firstMatch(draft, RE.revealing);
  if (word) out.add('third-party-disclosure', `reveals a debt before the consumer's identity is verified: "${quote(draft, word.start, word.end)}"`);
  const account = ctx.account;
  if (account) {
    for (const name of [account.currentCreditor, account.originalCreditor]) {
      const folded = prepare(name).folded.trim();
      const at = folded.length >= 3 ? draft.folded.indexOf(folded) : -1;
      if (at >= 0) out.add('third-party-disclosure', `names the creditor before the consumer's identity is verified: "${quote(draft, at, at + folded.length)}"`);
    }
    const id = account.accountId.toLowerCase();
    const at = draft.folded.indexOf(id);
    if (at >= 0) out.add('third-party-disclosure', `gives the account reference before the consumer's identity is verified: "${quote(draft, at, at + id.length)}"`);
  }
  if (amountCount > 0) out.add('third-party-disclosure', 'states an amount before the consumer\'s identity is verified');
}

function checkAmounts(draft: Draft, ctx: DraftContext, out: Findings): number {
  const account = ctx.account;
  const found = findAmounts(draft.folded);
  const onRecord = account ? accountAmounts(account) : undefined;
  const extra = ctx.allowedAmounts ?? [];
  for (const amount of found) {
    const words = (): string => quote(draft, amount.start, amount.end);
    if (account && amount.currency && amount.currency !== account.debt.currency) {
      out.add('amount-not-on-account', `states an amount in ${amount.currency}, but the account is in ${account.debt.currency}: "${words()}"`);
      continue;
    }
    const explicitlyAllowed = extra.includes(amount.value);
    const allowed = explicitlyAllowed || onRecord?.has(amount.value) === true;
    // Most amounts are the record's own: only the ones that could break a term need their context.
    if (allowed && (!account || explicitlyAllowed || (amount.value >= account.authority.lowestSettlement && amount.value >= account.authority.minInstalment))) continue;
    const { from, to } = sentenceAround(draft.folded, amount.start, amount.end);
    const before = draft.folded.slice(Math.max(from, amount.start - 48), amount.start);
    const after = draft.folded.slice(amount.end, Math.min(to, amount.end + 24));
    if (account && !explicitlyAllowed && amount.value > 0) {
      if (RE.settlement.test(before) && amount.value < account.authority.lowestSettlement && !RE.instalment.test(after)) {
        out.add('outside-authority', `offers to settle for ${money(amount.value)}, below the lowest settlement of ${money(account.authority.lowestSettlement)}: "${words()}"`);
        continue;
      }
      if ((RE.instalment.test(after) || RE.instalment.test(before.slice(-24))) && amount.value < account.authority.minInstalment) {
        out.add('outside-authority', `offers instalments of ${money(amount.value)}, below the minimum of ${money(account.authority.minInstalment)}: "${words()}"`);
        continue;
      }
    }
    if (allowed) continue;
    if (RE.feeContext.test(before.slice(-32)) || RE.feeContext.test(after.slice(0, 16))) {
      out.feeSentences.add(from);
      out.add('unauthorized-fee', `states a fee or charge of ${money(amount.value)} that is not on the account: "${words()}"`);
      continue;
    }
    out.add('amount-not-on-account', `states ${money(amount.value)}, which is not on the account record nor derived from it: "${words()}"`);
  }
  if (account) checkTerms(draft, account, out);
  return found.length;
}

function countOf(word: string): number | undefined {
  const digits = Number(word);
  if (Number.isInteger(digits) && word.trim() !== '') return digits;
  const spanish: Record<string, number> = { doce: 12, dieciocho: 18, veinticuatro: 24, 'treinta y seis': 36 };
  return spanish[word] ?? wordsToNumber(word.replace(/-/g, ' '));
}

function checkTerms(draft: Draft, account: Account, out: Findings): void {
  const authority = account.authority;
  RE.planLength.lastIndex = 0;
  for (const match of execAll(RE.planLength, draft.folded)) {
    const { from, to } = sentenceAround(draft.folded, match.index, match.index + match[0].length);
    const sentence = draft.folded.slice(from, to);
    if (!RE.planContext.test(sentence) || isNegated(draft.folded, match.index, from)) continue;
    const count = countOf(match[1] ?? '');
    if (count === undefined) continue;
    const unit = match[2] ?? '';
    let months: number;
    if (/^(?:year|ano)/.test(unit)) months = count * 12;
    else if (/^(?:week|semana)/.test(unit)) months = count / 4.345;
    else if (/^(?:month|mes)/.test(unit)) months = count;
    else if (RE.biweekly.test(sentence)) months = count / 2.17;
    else if (RE.weekly.test(sentence)) months = count / 4.345;
    // "17 payments of 70.00 and a final 50.00" is 18 payments.
    else months = count + (/\b(?:final|last|ultim[oa])\b/.test(sentence.slice(match.index - from)) ? 1 : 0);
    if (months > authority.maxPlanMonths + 1e-9) {
      out.add('outside-authority', `offers a plan of ${Math.ceil(months)} months, longer than the ${authority.maxPlanMonths} allowed: "${quote(draft, match.index, match.index + match[0].length)}"`);
    }
  }
  RE.pause.lastIndex = 0;
  for (const match of execAll(RE.pause, draft.folded)) {
    const { from } = sentenceAround(draft.folded, match.index, match.index + match[0].length);
    if (isNegated(draft.folded, match.index, from)) continue;
    const months = countOf(match[1] ?? '') ?? 0;
    if (!authority.allowsHardshipPause || months > authority.maxPauseMonths) {
      out.add('outside-authority', `offers a pause of ${months} months; the creditor allows ${authority.allowsHardshipPause ? `at most ${authority.maxPauseMonths}` : 'none'}: "${quote(draft, match.index, match.index + match[0].length)}"`);
    }
  }
  RE.percent.lastIndex = 0;
  for (const match of execAll(RE.percent, draft.folded)) {
    const { from, to } = sentenceAround(draft.folded, match.index, match.index + match[0].length);
    const sentence = draft.folded.slice(from, to);
    if (!RE.settlement.test(sentence) && !RE.percentOff.test(sentence)) continue;
    const share = Number((match[1] ?? '0').replace(',', '.')) / 100;
    const pays = RE.percentOff.test(draft.folded.slice(match.index, Math.min(to, match.index + match[0].length + 12))) ? 1 - share : share;
    const amount = Math.round(account.debt.currentBalance * pays);
    if (amount < authority.lowestSettlement) {
      out.add('outside-authority', `offers a settlement of ${money(amount)} (${quote(draft, match.index, match.index + match[0].length)}), below the lowest settlement of ${money(authority.lowestSettlement)}`);
    }
  }
}

function checkFees(draft: Draft, ctx: DraftContext, out: Findings): void {
  const account = ctx.account;
  RE.fee.lastIndex = 0;
  for (const match of execAll(RE.fee, draft.folded)) {
    const { from, to } = sentenceAround(draft.folded, match.index, match.index + match[0].length);
    const sentence = draft.folded.slice(from, to);
    if (RE.noFee.test(sentence) || isNegated(draft.folded, match.index, from)) continue;
    if (!RE.feeClaim.test(sentence)) continue;
    // A fee amount in the sentence has its own finding already.
    if (out.feeSentences.has(from)) continue;
    // The fees already on the account may be stated; a new one may not.
    if (account && account.debt.feesSinceItemization > 0 && !/\b(?:additional|extra|new|another|more|late|adicional\w*|nuev[oa]s?|otr[oa]s?)\b/.test(sentence) && !/\b(?:will|may|could|would|shall|se (?:le )?(?:cobrara|agregara|aplicara))\b/.test(sentence)) continue;
    out.add('unauthorized-fee', `adds a fee or charge that is not on the account: "${quote(draft, from, to).slice(0, 120)}"`);
  }
}

let lastDay: { ms: number; days: readonly string[] } | undefined;

/** The UTC day of the instant and the days either side (the consumer's local date may differ). */
function daysAround(at: Date): readonly string[] {
  const ms = at.getTime();
  if (lastDay?.ms !== ms) lastDay = { ms, days: [-1, 0, 1].map((offset) => new Date(ms + offset * 86_400_000).toISOString().slice(0, 10)) };
  return lastDay.days;
}

function checkDates(draft: Draft, ctx: DraftContext, out: Findings): void {
  const account = ctx.account;
  const dayFirst = ctx.language === 'es' || isUk(account);
  const found = findDates(draft.folded, dayFirst);
  if (found.length === 0) return;
  const onRecord = account ? accountDates(account, ctx.at) : undefined;
  const extra = ctx.allowedDates ?? [];
  const around = daysAround(ctx.at);
  const isAllowed = (iso: string) => extra.includes(iso) || onRecord?.includes(iso) === true || around.includes(iso);
  const allowedDays = (): string[] => [...extra, ...(onRecord ?? []), ...around].map((iso) => iso.slice(5));
  for (const date of found) {
    if (!date.valid) {
      out.add('date-not-on-account', `states a date that does not exist: "${quote(draft, date.start, date.end)}"`);
      continue;
    }
    if (date.iso ? isAllowed(date.iso) : allowedDays().includes(`${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`)) continue;
    out.add('date-not-on-account', `states a date that is not on the account record nor derived from it: "${quote(draft, date.start, date.end)}"`);
  }
}

/**
 * Checks a draft before it goes out: threats, impersonation, abusive words, overshadowing, false
 * urgency, amounts, dates and terms against the account, fees, disclosure before verification,
 * personal numbers and leaked instructions, in English and Spanish. Pure and deterministic; each
 * finding names the rule the gate cites.
 */
export function checkDraft(text: string, ctx: DraftContext): DraftFinding[] {
  const draft = prepare(text);
  const out = new Findings();
  checkThreats(draft, ctx, out);
  checkWording(draft, ctx, out);
  checkPersonalNumbers(draft, out);
  const amounts = checkAmounts(draft, ctx, out);
  checkFees(draft, ctx, out);
  checkDates(draft, ctx, out);
  checkDisclosure(draft, ctx, out, amounts);
  return out.list;
}
