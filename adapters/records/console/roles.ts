/**
 * Console roles and what each may do. A compliance officer reads, unmasks and exports; a supervisor
 * reads and exports masked records and works the hand-off queue, but does not unmask personal data;
 * an admin may do everything and manages users.
 */
export const CONSOLE_ROLES = ['officer', 'supervisor', 'admin'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

export type Capability = 'read' | 'export' | 'unmask' | 'review' | 'hold' | 'handoff' | 'users';

const CAPABILITIES: Readonly<Record<ConsoleRole, readonly Capability[]>> = {
  officer: ['read', 'export', 'unmask', 'review', 'hold'],
  supervisor: ['read', 'export', 'review', 'handoff'],
  admin: ['read', 'export', 'unmask', 'review', 'hold', 'handoff', 'users'],
};

export function can(role: ConsoleRole, capability: Capability): boolean {
  return CAPABILITIES[role].includes(capability);
}

export function capabilitiesOf(role: ConsoleRole): readonly Capability[] {
  return CAPABILITIES[role];
}

export function isConsoleRole(value: unknown): value is ConsoleRole {
  return typeof value === 'string' && (CONSOLE_ROLES as readonly string[]).includes(value);
}
