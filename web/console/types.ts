// What the console API answers (kept by hand in step with bot/console/routes.ts).
export type Capability = 'read' | 'export' | 'unmask' | 'review' | 'hold' | 'handoff' | 'users';

export interface Me {
  user: { id: string; name: string; role: string };
  capabilities: Capability[];
  expiresAt: string;
}

export interface ConversationRow {
  key: string;
  conversationId?: string;
  channel?: string;
  accountId?: string;
  consumer?: string;
  jurisdictions: string[];
  firstAt: string;
  lastAt: string;
  events: number;
  inbound: number;
  outbound: number;
  blocked: number;
  deferred: number;
  suppressed: number;
  replaced: number;
  handoffs: number;
  verdicts: string[];
  ruleIds: string[];
  citations: string[];
  flags: string[];
}

export interface Page<T> {
  items: T[];
  next?: string;
}

export interface RuleView {
  ruleId: string;
  citation: string;
  reason: string;
}

export interface Entry {
  id: string;
  chainId: string;
  seq: number;
  kind: string;
  at: string;
  localTime?: string;
  channel?: string;
  from: 'consumer' | 'parley' | 'system';
  text?: string;
  speechAct?: string;
  decision?: {
    verdict: string;
    text?: string | null;
    deferUntil?: string;
    disclosures: string[];
    rules: RuleView[];
    violations: RuleView[];
    replacedDraft?: { text: string; violations: RuleView[] };
    packVersion?: string;
  };
  flagChange?: { field: string; intent?: string; summary: Record<string, unknown> };
  handoff?: { reason: string };
  details?: Record<string, unknown>;
  hash: string;
}

export interface Transcript {
  key: string;
  conversationId?: string;
  channel?: string;
  accountId?: string;
  consumer?: string;
  jurisdictions: string[];
  zone?: { zone: string; source: string };
  masked: boolean;
  summary: ConversationRow;
  entries: Entry[];
  integrity: { ok: true } | { ok: false; firstBroken: { chainId: string; seq: number; reason: string } };
}

export interface DecisionHit {
  id: string;
  key?: string;
  chainId: string;
  seq: number;
  kind: string;
  at: string;
  channel?: string;
  accountId?: string;
  payload: Record<string, unknown>;
}

export interface Dashboard {
  range: { from: string; to: string };
  messagesByChannel: Array<{ day: string; channel: string; count: number }>;
  decisionsByRule: Array<{ ruleId: string; citation: string; count: number }>;
  interventions: Array<{ day: string; deferred: number; blocked: number; suppressed: number; replaced: number }>;
  flagChanges: Array<{ day: string; field: string; count: number }>;
  handoffs: { perDay: Array<{ day: string; count: number }>; waiting: number; claimed: number; waitMinutes: { p50: number | null; p90: number | null; max: number | null } };
  totals: { conversations: number; messages: number; decisions: number };
}

export interface Review {
  id: string;
  key: string;
  weight: number;
  reasons: string[];
  sampledAt: string;
  sampledBy: string;
  signedAt?: string;
  signedBy?: string;
  outcome?: string;
  notes?: string;
}

export interface Hold {
  id: string;
  accountId: string;
  reason: string;
  placedBy: string;
  placedAt: string;
}

export interface Handoff {
  id: string;
  accountId?: string;
  conversationId: string;
  channel: string;
  reason: string;
  context: Array<{ from: string; text: string; at: string }>;
  requestedAt: string;
  claimedAt?: string;
  claimedBy?: string;
}

export interface User {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  disabledAt?: string;
}
