// Test support: the allow/deny table every pack's test file runs through the gate.
import { expect } from 'vitest';
import type { GateDecision, Verdict } from '../decision/types.js';
import { evaluate } from '../gate/evaluate.js';
import type { GateRequest } from '../gate/types.js';
import { RULE_PACKS } from './registry.js';

export interface PackCase {
  /** The pack rule the case is about; its citation must be the one the decision shows. */
  rule: string;
  /** What the case shows, for the test name. */
  about: string;
  /** A request the rule lets through: the verdict is send and the rule is among those applied. */
  allow: Partial<GateRequest>;
  /** A request the rule stops or holds. */
  deny: Partial<GateRequest>;
  denyVerdict: Exclude<Verdict, 'send'>;
  /** The violation's rule when it is not `rule` itself (e.g. time-of-day for ambiguous-location). */
  denyRule?: string;
  /** For a defer: the instant it must name. */
  deferUntil?: string;
}

export function citationIn(packId: string, ruleId: string): string {
  const rule = RULE_PACKS.find((p) => p.id === packId)?.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`${packId} has no rule ${ruleId}`);
  return rule.citation;
}

export function checkAllow(packId: string, c: PackCase, base: GateRequest): GateDecision {
  const decision = evaluate({ ...base, ...c.allow });
  expect(decision.violations, JSON.stringify(decision.violations)).toEqual([]);
  expect(decision.verdict).toBe('send');
  expect(decision.rules).toContainEqual(expect.objectContaining({ ruleId: c.rule, citation: citationIn(packId, c.rule) }));
  return decision;
}

export function checkDeny(packId: string, c: PackCase, base: GateRequest): GateDecision {
  const decision = evaluate({ ...base, ...c.deny });
  expect(decision.verdict, JSON.stringify(decision.violations)).toBe(c.denyVerdict);
  const ruleId = c.denyRule ?? c.rule;
  expect(decision.violations).toContainEqual(expect.objectContaining({ ruleId, citation: citationIn(packId, ruleId) }));
  expect(decision.rules).toContainEqual(expect.objectContaining({ ruleId: c.rule }));
  if (c.deferUntil) expect(decision.deferUntil?.toISOString()).toBe(c.deferUntil);
  if (c.denyVerdict !== 'defer') expect(decision.text).toBeNull();
  return decision;
}
