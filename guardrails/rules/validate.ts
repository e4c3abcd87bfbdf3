import type { z } from 'zod';
import { DISCLOSURE_TEXT_IDS } from '../disclosures/texts.js';
import { RulePackError, type PackProblem } from './errors.js';
import { packEnvelopeSchema, parameterSchemas, ruleCommonSchema, type Rule, type RuleKind, type RulePack } from './schema.js';

const RULE_FIELDS = Object.keys(ruleCommonSchema.shape);

function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

function dayMs(date: string | null, whenNull: number): number {
  return date === null ? whenNull : Date.parse(`${date}T00:00:00Z`);
}

/** Turns zod issues into problems that say what to do, in the words of the pack file. */
function describeIssues(issues: readonly z.core.$ZodIssue[], rule: string | undefined, where: string, kind?: RuleKind): PackProblem[] {
  return issues.map((issue) => {
    const path = [where, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      if (where === 'parameters' && kind) {
        const known = Object.keys(parameterSchemas[kind].shape);
        return {
          rule,
          problem: `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length > 1 ? 'are not parameters' : 'is not a parameter'} of a ${kind} rule (it takes ${known.length > 0 ? known.join(', ') : 'no parameters'}).`,
          fix: `remove it or rename it to one of the parameters a ${kind} rule takes.`,
        };
      }
      return {
        rule,
        problem: `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length > 1 ? 'are' : 'is'} not known at ${path || 'the top level'}${where === '' && rule ? ` (a rule has ${RULE_FIELDS.join(', ')})` : ''}.`,
        fix: where === '' && rule ? 'remove it, or move it under "parameters" if it tunes the rule.' : 'remove it.',
      };
    }
    if (issue.code === 'invalid_type' && issue.message.includes('undefined')) {
      return { rule, problem: `${path} is missing.`, fix: `add ${path} (${issue.expected}).` };
    }
    return { rule, problem: `${path}: ${issue.message}.`, fix: `correct ${path}.` };
  });
}

function checkParameters(rule: Rule, label: string): PackProblem[] {
  const problems: PackProblem[] = [];
  switch (rule.kind) {
    case 'contact-window': {
      const { start, end } = rule.parameters;
      if (minutesOf(start) >= minutesOf(end)) {
        problems.push({
          rule: label,
          problem: `the window starts at ${start}, ${start === end ? 'the same time it ends' : `after it ends at ${end}`}, so no time would ever be permitted.`,
          fix: 'give a start earlier than the end (a window cannot wrap past midnight), e.g. start 08:00, end 21:00.',
        });
      }
      break;
    }
    case 'frequency-cap': {
      const { limit, periodDays } = rule.parameters;
      if (limit === 0 && periodDays > 0) {
        problems.push({
          rule: label,
          problem: `a cap of 0 attempts per ${periodDays} days forbids all contact, which a cap cannot express consistently.`,
          fix: 'set limit to 1 or more, or forbid contact with a flag-stop or flag-allow-only rule.',
        });
      }
      if (periodDays === 0) {
        problems.push({ rule: label, problem: `a cap of ${limit} per 0 days counts nothing.`, fix: 'set periodDays to 1 or more.' });
      }
      break;
    }
    case 'disclosure': {
      for (const id of [rule.parameters.initialTextId, rule.parameters.laterTextId]) {
        if (!DISCLOSURE_TEXT_IDS.includes(id)) {
          problems.push({ rule: label, problem: `text "${id}" is not a disclosure text.`, fix: `use one of ${DISCLOSURE_TEXT_IDS.join(', ')} or add it to guardrails/disclosures/texts.json.` });
        }
      }
      break;
    }
    case 'opt-out-notice': {
      for (const [channel, id] of Object.entries(rule.parameters.textIds)) {
        if (id !== undefined && !DISCLOSURE_TEXT_IDS.includes(id)) {
          problems.push({ rule: label, problem: `text "${id}" for ${channel} is not a disclosure text.`, fix: `use one of ${DISCLOSURE_TEXT_IDS.join(', ')} or add it to guardrails/disclosures/texts.json.` });
        }
      }
      for (const channel of rule.channels) {
        if (channel !== 'sms' && channel !== 'email') {
          problems.push({ rule: label, problem: `the opt-out notice covers ${channel}, which has no opt-out text.`, fix: 'limit channels to sms and email.' });
        } else if (!rule.parameters.textIds[channel]) {
          problems.push({ rule: label, problem: `the rule covers ${channel} but gives no text for it.`, fix: `add parameters.textIds.${channel}.` });
        }
      }
      break;
    }
    case 'state-notice': {
      if (!DISCLOSURE_TEXT_IDS.includes(rule.parameters.textId)) {
        problems.push({ rule: label, problem: `text "${rule.parameters.textId}" is not a disclosure text.`, fix: `use one of ${DISCLOSURE_TEXT_IDS.join(', ')} or add it to guardrails/disclosures/texts.json.` });
      }
      break;
    }
    case 'verification-required': {
      if (rule.parameters.purposes.includes('identity-check')) {
        problems.push({ rule: label, problem: 'identity-check would wait for a verification that only an identity check can bring.', fix: 'remove identity-check from purposes.' });
      }
      break;
    }
    case 'sms-keywords': {
      const optOut = new Set(rule.parameters.optOut.map((w) => w.toUpperCase()));
      const both = [...rule.parameters.help, ...rule.parameters.optIn].filter((w) => optOut.has(w.toUpperCase()));
      if (both.length > 0) {
        problems.push({ rule: label, problem: `${both.join(', ')} would both opt out and opt in or ask for help.`, fix: 'list each keyword under one meaning only.' });
      }
      break;
    }
    case 'sms-length': {
      if (rule.channels.some((c) => c !== 'sms')) {
        problems.push({ rule: label, problem: 'an SMS length budget covers a channel that is not sms.', fix: 'set channels to ["sms"].' });
      }
      break;
    }
    default:
      break;
  }
  return problems;
}

/** Windows of one pack that cover the same channel must overlap, or that channel could never be used. */
function checkWindowsOverlap(rules: readonly Rule[]): PackProblem[] {
  const windows = rules.filter((r) => r.kind === 'contact-window');
  const problems: PackProblem[] = [];
  for (let i = 0; i < windows.length; i++) {
    for (let j = i + 1; j < windows.length; j++) {
      const a = windows[i];
      const b = windows[j];
      if (a?.kind !== 'contact-window' || b?.kind !== 'contact-window') continue;
      const sharesChannel = a.channels.some((c) => b.channels.includes(c));
      const sharesTime = a.fromMs < b.toMs && b.fromMs < a.toMs;
      const start = Math.max(minutesOf(a.parameters.start), minutesOf(b.parameters.start));
      const end = Math.min(minutesOf(a.parameters.end), minutesOf(b.parameters.end));
      if (sharesChannel && sharesTime && start >= end) {
        problems.push({
          rule: `${a.id} and ${b.id}`,
          problem: `their windows (${a.parameters.start}–${a.parameters.end} and ${b.parameters.start}–${b.parameters.end}) do not overlap, so no time would be permitted.`,
          fix: 'correct one window or narrow their channels or effective dates so they do not apply together.',
        });
      }
    }
  }
  return problems;
}

/**
 * Validates a rule pack as read from its file. Everything wrong is reported at once; a pack with any
 * problem is refused whole, never loaded in part.
 */
export function loadPack(raw: unknown, source: string): RulePack {
  const envelope = packEnvelopeSchema.safeParse(raw);
  const packName = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : source;
  if (!envelope.success) throw new RulePackError(packName, describeIssues(envelope.error.issues, undefined, ''));
  const pack = envelope.data;
  const packRef = `${pack.id}@${pack.version}`;
  const problems: PackProblem[] = [];
  const rules: Rule[] = [];
  const seen = new Map<string, number>();

  pack.rules.forEach((entry, index) => {
    const fallbackLabel = typeof entry === 'object' && entry !== null && 'id' in entry && typeof entry.id === 'string' ? entry.id : `#${index + 1}`;
    const common = ruleCommonSchema.safeParse(entry);
    if (!common.success) {
      problems.push(...describeIssues(common.error.issues, fallbackLabel, ''));
      return;
    }
    const { parameters: rawParameters, ...fields } = common.data;
    const label = fields.id;
    const parameters = parameterSchemas[fields.kind].safeParse(rawParameters ?? {});
    if (!parameters.success) {
      problems.push(...describeIssues(parameters.error.issues, label, 'parameters', fields.kind));
      return;
    }
    const previous = seen.get(fields.id);
    if (previous !== undefined) {
      problems.push({ rule: label, problem: `the id appears twice (entries #${previous + 1} and #${index + 1}).`, fix: 'give each rule its own id, or merge the two entries.' });
      return;
    }
    seen.set(fields.id, index);
    if (fields.jurisdiction !== pack.jurisdiction) {
      problems.push({ rule: label, problem: `it declares jurisdiction ${fields.jurisdiction} but the pack is for ${pack.jurisdiction}.`, fix: `move it to the ${fields.jurisdiction} pack or set its jurisdiction to ${pack.jurisdiction}.` });
    }
    if (new Set(fields.channels).size !== fields.channels.length) {
      problems.push({ rule: label, problem: 'a channel is listed twice.', fix: 'list each channel once.' });
    }
    const fromMs = dayMs(fields.effectiveFrom, Number.NEGATIVE_INFINITY);
    const toMs = dayMs(fields.effectiveTo, Number.POSITIVE_INFINITY);
    if (toMs <= fromMs) {
      problems.push({ rule: label, problem: `effectiveTo ${fields.effectiveTo} is not after effectiveFrom ${fields.effectiveFrom}, so the rule would never be in force.`, fix: 'correct the dates, or set effectiveTo to null while the rule is in force.' });
    }
    const rule = { ...fields, parameters: parameters.data, pack: packRef, fromMs, toMs } as Rule;
    problems.push(...checkParameters(rule, label));
    rules.push(rule);
  });
  problems.push(...checkWindowsOverlap(rules));
  if (problems.length > 0) throw new RulePackError(packRef, problems);
  return { id: pack.id, version: pack.version, jurisdiction: pack.jurisdiction, title: pack.title, rules };
}
