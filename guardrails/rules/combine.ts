import type { Channel } from '../domain/index.js';
import { RULE_PACKS } from './registry.js';
import type { Rule, RuleKind, RuleOf, RulePack } from './schema.js';

/**
 * The packs that govern one account, combined. Rules of every pack apply together, so the stricter
 * one always wins: all caps are checked (the smallest binds), all windows are intersected (the
 * narrowest binds), and any pack's restriction is enough to stop a message.
 */
export interface RuleSet {
  /** "us-federal@2026.11.0+us-ma@2026.11.0": named in every decision so it can be replayed. */
  version: string;
  jurisdictions: readonly string[];
  packs: readonly RulePack[];
  /** Whether any pack covers the account's country; an uncovered country gets no collector-initiated contact. */
  covered: boolean;
  rules: readonly Rule[];
  byId: ReadonlyMap<string, Rule>;
  /** In-force rules per channel and effective-date interval, computed once. */
  cache: Map<Channel, (readonly Rule[])[]>;
  /** Every effectiveFrom/effectiveTo instant, sorted, to find which interval an instant falls in. */
  boundaries: readonly number[];
}

const sets = new Map<string, RuleSet>();
const allById = new Map<string, Rule>();
for (const pack of RULE_PACKS) for (const rule of pack.rules) if (!allById.has(rule.id)) allById.set(rule.id, rule);

const setsByArray = new WeakMap<readonly string[], RuleSet>();

/** The combined rules for an account's jurisdictions, e.g. ["US", "US-NY", "US-NY-NYC"] or ["GB"]. */
export function ruleSetFor(jurisdictions: readonly string[]): RuleSet {
  // An account keeps its jurisdictions array, so most lookups are by identity.
  const same = setsByArray.get(jurisdictions);
  if (same) return same;
  const set = ruleSetByKey(jurisdictions);
  setsByArray.set(jurisdictions, set);
  return set;
}

function ruleSetByKey(jurisdictions: readonly string[]): RuleSet {
  const key = jurisdictions.join('|');
  const cached = sets.get(key);
  if (cached) return cached;
  const packs = RULE_PACKS.filter((pack) => jurisdictions.includes(pack.jurisdiction));
  const rules = packs.flatMap((pack) => pack.rules);
  const byId = new Map<string, Rule>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  const boundaries = [...new Set(rules.flatMap((r) => [r.fromMs, r.toMs]).filter(Number.isFinite))].sort((a, b) => a - b);
  const country = jurisdictions[0];
  const set: RuleSet = {
    version: packs.map((pack) => `${pack.id}@${pack.version}`).join('+') || 'none',
    jurisdictions: [...jurisdictions],
    packs,
    covered: country !== undefined && packs.some((pack) => pack.jurisdiction === country),
    rules,
    byId,
    cache: new Map(),
    boundaries,
  };
  sets.set(key, set);
  return set;
}

/** The jurisdictions a jurisdiction id implies: "US-NY-NYC" → ["US", "US-NY", "US-NY-NYC"]. */
export function expandJurisdiction(id: string): string[] {
  const parts = id.split('-');
  return parts.map((_, index) => parts.slice(0, index + 1).join('-'));
}

/** Rules in force at an instant on a channel (effectiveFrom inclusive, effectiveTo exclusive, both UTC days). */
export function rulesInForce(set: RuleSet, at: Date, channel: Channel): readonly Rule[] {
  const ms = at.getTime();
  let interval = 0;
  while (interval < set.boundaries.length && (set.boundaries[interval] ?? Infinity) <= ms) interval++;
  let perChannel = set.cache.get(channel);
  if (!perChannel) {
    perChannel = [];
    set.cache.set(channel, perChannel);
  }
  const cached = perChannel[interval];
  if (cached) return cached;
  const rules = set.rules.filter((rule) => rule.channels.includes(channel) && rule.fromMs <= ms && ms < rule.toMs);
  perChannel[interval] = rules;
  return rules;
}

const byKind = new WeakMap<readonly Rule[], Map<RuleKind, readonly Rule[]>>();

/** The rules of one kind, in pack order. Cached per rules array (in-force lists are themselves cached), so callers must not change the result. */
export function rulesOfKind<K extends RuleKind>(rules: readonly Rule[], kind: K): readonly RuleOf<K>[] {
  let kinds = byKind.get(rules);
  if (!kinds) {
    kinds = new Map();
    byKind.set(rules, kinds);
  }
  let found = kinds.get(kind);
  if (!found) {
    found = rules.filter((rule) => rule.kind === kind);
    kinds.set(kind, found);
  }
  return found as readonly RuleOf<K>[];
}

/**
 * The citation for a rule id: from the account's own packs first; then any pack (a content check may
 * name a rule another jurisdiction defines); never invented.
 */
export function citationOf(set: RuleSet, ruleId: string): string {
  return set.byId.get(ruleId)?.citation ?? allById.get(ruleId)?.citation ?? `no rule pack defines ${ruleId}`;
}

export interface CombinedWindow {
  start: string;
  end: string;
  /** The rules whose windows were intersected. */
  rules: readonly RuleOf<'contact-window'>[];
}

const windowsCache = new WeakMap<readonly Rule[], CombinedWindow | null>();

/** The narrowest window of all in-force contact-window rules; null when none applies. */
export function combinedWindow(rules: readonly Rule[]): CombinedWindow | null {
  const cached = windowsCache.get(rules);
  if (cached !== undefined) return cached;
  const combined = combineWindows(rulesOfKind(rules, 'contact-window'));
  windowsCache.set(rules, combined);
  return combined;
}

function combineWindows(windows: readonly RuleOf<'contact-window'>[]): CombinedWindow | null {
  if (windows.length === 0) return null;
  let start = '00:00';
  let end = '23:59';
  for (const rule of windows) {
    if (rule.parameters.start > start) start = rule.parameters.start;
    if (rule.parameters.end < end) end = rule.parameters.end;
  }
  return { start, end, rules: windows };
}
