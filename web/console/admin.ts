import { get, send } from './api.js';
import { clear, h, when } from './dom.js';
import { action, notice, type View } from './shared.js';
import type { User } from './types.js';

export function usersView(view: View): void {
  clear(view.main);
  const name = h('input', { id: 'user-name', required: true });
  const role = h('select', { id: 'user-role' }, ...['officer', 'supervisor', 'admin'].map((value) => h('option', { value }, value)));
  const add = h('button', { type: 'submit' }, 'Add user');
  const status = h('span');
  const token = h('p', { class: 'token', hidden: true });
  const form = h('form', { class: 'filters inline' }, h('label', { for: 'user-name' }, 'Name'), name, h('label', { for: 'user-role' }, 'Role'), role, add, status);
  const list = h('div');
  view.main.append(h('h1', {}, 'Console users'), form, token, list);
  const showToken = (text: string, who: string) => {
    token.hidden = false;
    token.replaceChildren(`Sign-in token for ${who}, shown once: `, h('code', {}, text));
  };
  const load = async () => {
    const data = await get<{ items: User[] }>('/api/audit/users');
    clear(list);
    const table = h('table', { class: 'grid-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Role'), h('th', {}, 'Created'), h('th', {}, 'Status'), h('th', {}, ''))));
    const body = h('tbody');
    table.appendChild(body);
    for (const user of data.items) {
      const rowStatus = h('span');
      const reissue = h('button', { type: 'button', class: 'secondary' }, 'New token');
      const disable = h('button', { type: 'button', class: 'secondary' }, 'Disable');
      reissue.addEventListener('click', () => action(reissue, async () => { const r = await send<{ token: string }>('POST', `/api/audit/users/${user.id}/token`, {}); showToken(r.token, user.name); }, rowStatus));
      disable.addEventListener('click', () => action(disable, async () => { await send('POST', `/api/audit/users/${user.id}/disable`, {}); await load(); }, rowStatus));
      body.appendChild(
        h('tr', {}, h('td', {}, user.name), h('td', {}, user.role), h('td', {}, when(user.createdAt)), h('td', {}, user.disabledAt ? `disabled ${when(user.disabledAt)}` : 'active'), h('td', {}, user.disabledAt || user.id === view.me.user.id ? null : h('span', {}, reissue, disable), rowStatus)),
      );
    }
    list.appendChild(table);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    action(add, async () => {
      const created = await send<{ token: string; user: User }>('POST', '/api/audit/users', { name: name.value.trim(), role: role.value });
      showToken(created.token, created.user.name);
      name.value = '';
      await load();
    }, status);
  });
  void load().catch((error: unknown) => list.appendChild(notice(error instanceof Error ? error.message : String(error), 'error')));
}

interface AccessRow {
  seq: number;
  at: string;
  accountId: string | null;
  action: string;
  actor: { name: string; role: string };
  target: Record<string, unknown>;
}

export function accessLogView(view: View): void {
  clear(view.main);
  view.main.append(h('h1', {}, 'Console access log'), h('p', { class: 'muted' }, 'Every sign-in, transcript read, unmask and export, from the audit chain "console".'));
  void get<{ items: AccessRow[] }>('/api/audit/access-log').then(
    (data) => {
      const body = h('tbody');
      for (const row of data.items) {
        body.appendChild(h('tr', {}, h('td', {}, when(row.at)), h('td', {}, `${row.actor.name} (${row.actor.role})`), h('td', {}, row.action), h('td', {}, row.accountId ?? ''), h('td', { class: 'clip' }, JSON.stringify(row.target))));
      }
      view.main.appendChild(h('table', { class: 'grid-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Who'), h('th', {}, 'What'), h('th', {}, 'Account'), h('th', {}, 'Target'))), body));
    },
    (error: unknown) => view.main.appendChild(notice(error instanceof Error ? error.message : String(error), 'error')),
  );
}
