import type { AuditEvent, AuditTrail } from '../../../dialogs/ports.js';
import type { ConsoleRole } from './roles.js';

/** The chain every console action is recorded in: who read, unmasked or exported what, and when. */
export const CONSOLE_CHAIN = 'console';

export type ConsoleAction =
  | 'sign-in'
  | 'sign-out'
  | 'read-transcript'
  | 'unmask'
  | 'export'
  | 'user-added'
  | 'user-token-reissued'
  | 'user-disabled'
  | 'review-sampled'
  | 'review-signed'
  | 'legal-hold-placed'
  | 'legal-hold-released'
  | 'handoff-claimed'
  | 'handoff-resolved';

export interface ConsoleActor {
  id: string;
  name: string;
  role: ConsoleRole | 'cli';
}

export interface ConsoleAccess {
  actor: ConsoleActor;
  action: ConsoleAction;
  /** What was touched: a conversation key, an account, filters, a file count... never personal data itself. */
  target: Record<string, unknown>;
  accountId?: string;
  at: Date;
}

/**
 * Appends one console-access event. Callers await it BEFORE they hand over the data: a read that
 * cannot be recorded does not happen.
 */
export function recordConsoleAccess(audit: AuditTrail, access: ConsoleAccess): Promise<AuditEvent> {
  return audit.append({
    chainId: CONSOLE_CHAIN,
    kind: 'console-access',
    ...(access.accountId ? { accountId: access.accountId } : {}),
    payload: { action: access.action, actor: { ...access.actor }, target: access.target },
    at: access.at,
  });
}
