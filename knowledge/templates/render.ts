import { formatMoney, type Language, type MinorUnits } from '../../guardrails/index.js';
import type { SlotsOf, SpeechActId } from '../speech-acts/catalogue.js';
import { describeSpeechAct, type SpeechActInfo } from '../speech-acts/describe.js';
import type { MessagePurpose } from '../../guardrails/index.js';
import type { HoursSlot, MoneySlot } from '../speech-acts/slots.js';
import { placeholdersOf, type LanguageTemplates, type TemplateSet, type TemplateVariant } from './compile.js';
import { formatDate, formatTime, formatTimeZone, plainSpaces } from './format.js';

/** A speech act in words, with what the gate needs to check it. */
export interface Rendered {
  text: string;
  speechAct: SpeechActId;
  language: Language;
  purpose: MessagePurpose;
  revealsDebt: boolean;
  /** Every amount the text states, in minor units: the gate's allowed amounts. */
  amounts: MinorUnits[];
  /** Every calendar date the text states (YYYY-MM-DD): the gate's allowed dates. */
  dates: string[];
}

export interface RenderOptions {
  /** Picks among equally fitting variants (e.g. the turn number, so a repeat does not read the same). */
  variant?: number;
  /** The consumer's country: British English dates and times for GB. */
  country?: string;
  /**
   * Whether a text fits where it goes (e.g. the SMS room the gate's budget leaves): the first
   * fitting variant that fits is used, or the shortest when none does.
   */
  fits?: (text: string) => boolean;
}

/** Slots that do not fit the act's schema: a bug in the dialog, never shown to a consumer. */
export class SlotError extends Error {
  constructor(
    readonly speechAct: string,
    readonly issues: readonly string[],
  ) {
    super(`speech act "${speechAct}": invalid slots: ${issues.join('; ')}`);
    this.name = 'SlotError';
  }
}

/** The variants whose optional slots are all given; among them the most specific ones. */
function fittingVariants(variants: readonly TemplateVariant[], slots: Record<string, unknown>): TemplateVariant[] {
  const fitting = variants.filter((variant) => variant.when.every((name) => slots[name] !== undefined));
  const most = Math.max(...fitting.map((variant) => variant.when.length));
  return fitting.filter((variant) => variant.when.length === most);
}

function formatHours(hours: HoursSlot, templates: LanguageTemplates, country: string | undefined): string {
  if (typeof hours === 'string') return hours;
  const parts: Record<string, string> = {
    days: templates.vocabulary.hoursDays?.[hours.days] ?? hours.days,
    opens: formatTime(hours.opens, templates.language, country),
    closes: formatTime(hours.closes, templates.language, country),
    zone: formatTimeZone(hours.timeZone, templates.language, country),
  };
  return templates.hoursFormat.replace(/\{(\w+)\}/g, (_match, name: string) => parts[name] ?? '');
}

function renderWith(set: TemplateSet, info: SpeechActInfo, input: unknown, language: Language, options: RenderOptions): Rendered {
  const parsed = info.schema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new SlotError(info.id, parsed.error.issues.map((issue) => `${issue.path.join('.') || '(slots)'}: ${issue.message}`));
  }
  const slots = parsed.data as Record<string, unknown>;
  const templates = set[language];
  const variants = fittingVariants(templates.acts.get(info.id) ?? [], slots);
  if (variants.length === 0) throw new Error(`speech act "${info.id}" has no template in ${language}`);
  // Start at the requested variant and go round; with a length limit, the first that fits wins, else the shortest.
  const start = Math.abs(Math.trunc(options.variant ?? 0)) % variants.length;
  const ordered = [...variants.slice(start), ...variants.slice(0, start)];
  let shortest: Rendered | undefined;
  for (const variant of ordered) {
    const rendered = renderVariant(info, variant, slots, templates, options);
    if (!options.fits || options.fits(rendered.text)) return rendered;
    if (!shortest || rendered.text.length < shortest.text.length) shortest = rendered;
  }
  return shortest as Rendered;
}

function renderVariant(info: SpeechActInfo, chosen: TemplateVariant, slots: Record<string, unknown>, templates: LanguageTemplates, options: RenderOptions): Rendered {
  const language = templates.language;
  const amounts: MinorUnits[] = [];
  const dates: string[] = [];
  const words = new Map<string, string>();
  for (const name of new Set(placeholdersOf(chosen.text).names)) {
    const slot = info.slots.find((candidate) => candidate.name === name);
    const value = slots[name];
    if (!slot || value === undefined) throw new Error(`speech act "${info.id}": {${name}} has no value`);
    switch (slot.kind) {
      case 'money': {
        const money = value as MoneySlot;
        amounts.push(money.amount);
        words.set(name, plainSpaces(formatMoney(money.amount, money.currency, language)));
        break;
      }
      case 'date':
        dates.push(value as string);
        words.set(name, formatDate(value as string, language, options.country));
        break;
      case 'time':
        words.set(name, formatTime(value as string, language, options.country));
        break;
      case 'hours':
        words.set(name, formatHours(value as HoursSlot, templates, options.country));
        break;
      case 'count':
        words.set(name, String(value));
        break;
      default:
        if (slot.kind.startsWith('vocabulary:')) {
          const vocabulary = templates.vocabulary[slot.kind.slice('vocabulary:'.length)];
          words.set(name, vocabulary?.[value as string] ?? String(value));
        } else {
          words.set(name, String(value));
        }
    }
  }
  // One pass: a slot value holding braces is never read as a placeholder.
  // A value ending in a period ("6:30 p.m.") before the template's own period keeps just one.
  const text = chosen.text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (match: string, name: string, offset: number, whole: string) => {
    const value = words.get(name) ?? '';
    return value.endsWith('.') && whole[offset + match.length] === '.' ? value.slice(0, -1) : value;
  });
  return { text, speechAct: info.id, language, purpose: info.purpose, revealsDebt: info.revealsDebt, amounts, dates };
}

export interface Renderer {
  /** Renders a known act with slots typed by the catalogue. */
  render<Id extends SpeechActId>(actId: Id, slots: SlotsOf<Id>, language: Language, options?: RenderOptions): Rendered;
  /** Renders an act named at run time (a scheduled message, a transcript): unknown ids and bad slots are refused. */
  renderAct(actId: string, slots: unknown, language: Language, options?: RenderOptions): Rendered;
  /** Opening hours in a language, as an {hours} slot renders them (for articles that name them). */
  formatHours(hours: HoursSlot, language: Language, country?: string): string;
}

export function createRenderer(set: TemplateSet): Renderer {
  const renderAct = (actId: string, slots: unknown, language: Language, options: RenderOptions = {}): Rendered =>
    renderWith(set, describeSpeechAct(actId), slots, language, options);
  return { render: renderAct, renderAct, formatHours: (hours, language, country) => formatHours(hours, set[language], country) };
}
