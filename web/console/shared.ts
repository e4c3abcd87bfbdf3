import { h } from './dom.js';
import type { Capability, Me } from './types.js';

export interface View {
  me: Me;
  can(capability: Capability): boolean;
  main: HTMLElement;
  /** Navigate to another view (hash route). */
  go(hash: string): void;
}

export function notice(text: string, kind: 'error' | 'info' = 'info'): HTMLElement {
  return h('p', { class: kind === 'error' ? 'error' : 'notice', role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function verdictBadge(verdict: string): HTMLElement {
  return h('span', { class: `badge verdict-${verdict}` }, verdict);
}

export function chip(text: string, kind = ''): HTMLElement {
  return h('span', { class: `chip ${kind}` }, text);
}

/** Runs an action from a button: disables it meanwhile and shows a failure beside it. */
export function action(button: HTMLButtonElement, run: () => Promise<void>, status: HTMLElement): void {
  button.disabled = true;
  status.textContent = '';
  run()
    .catch((error: unknown) => {
      status.textContent = error instanceof Error ? error.message : String(error);
      status.className = 'error';
    })
    .finally(() => {
      button.disabled = false;
    });
}
