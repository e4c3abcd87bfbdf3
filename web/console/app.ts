// The console page: a hash router over the audit API. Everything shown comes from /api/audit/*.
import { accessLogView, usersView } from './admin.js';
import { get, send } from './api.js';
import { conversationView } from './conversation.js';
import { dashboardView } from './dashboard.js';
import { clear, h } from './dom.js';
import { searchView } from './search.js';
import type { View } from './shared.js';
import type { Capability, Me } from './types.js';
import { handoffsView, holdsView, reviewsView } from './work.js';

const SECTIONS: Array<{ hash: string; label: string; needs: Capability }> = [
  { hash: '#/search', label: 'Search', needs: 'read' },
  { hash: '#/dashboard', label: 'Oversight', needs: 'read' },
  { hash: '#/handoffs', label: 'Hand-offs', needs: 'handoff' },
  { hash: '#/reviews', label: 'QA review', needs: 'review' },
  { hash: '#/holds', label: 'Legal holds', needs: 'hold' },
  { hash: '#/users', label: 'Users', needs: 'users' },
  { hash: '#/access', label: 'Access log', needs: 'read' },
];

function route(view: View): void {
  const [path = '', search = ''] = window.location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(search);
  const [, section = 'search', ...rest] = path.split('/');
  for (const link of Array.from(document.querySelectorAll('#nav a'))) link.classList.toggle('current', link.getAttribute('href') === `#/${section}`);
  switch (section) {
    case 'conversation':
      return conversationView(view, decodeURIComponent(rest.join('/')), params);
    case 'dashboard':
      return dashboardView(view, params);
    case 'handoffs':
      return handoffsView(view);
    case 'reviews':
      return reviewsView(view);
    case 'holds':
      return holdsView(view);
    case 'users':
      return usersView(view);
    case 'access':
      return accessLogView(view);
    default:
      return searchView(view, params);
  }
}

async function integrityBadge(): Promise<void> {
  const badge = document.getElementById('integrity');
  if (!badge) return;
  const result = await get<{ ok: boolean; chains: number; events: number; checkedAt: string; firstBroken?: { chainId: string; seq: number; reason: string } }>('/api/audit/integrity');
  badge.className = `badge ${result.ok ? 'ok' : 'broken'}`;
  badge.textContent = result.ok ? `trail intact · ${result.events} events` : `trail BROKEN: ${result.firstBroken?.chainId ?? ''} seq ${result.firstBroken?.seq ?? ''}`;
  badge.title = result.ok ? `Verified ${result.chains} chains at ${result.checkedAt}` : (result.firstBroken?.reason ?? '');
}

async function start(): Promise<void> {
  const main = document.getElementById('main');
  const nav = document.getElementById('nav');
  if (!main || !nav) return;
  const me = await get<Me>('/api/audit/session');
  const view: View = {
    me,
    can: (capability) => me.capabilities.includes(capability),
    main,
    go: (hash) => {
      if (window.location.hash === hash) route(view);
      else window.location.hash = hash;
    },
  };
  clear(nav);
  for (const section of SECTIONS) if (view.can(section.needs)) nav.appendChild(h('a', { href: section.hash }, section.label));
  const who = document.getElementById('who');
  if (who) who.textContent = `${me.user.name} · ${me.user.role}`;
  document.getElementById('sign-out')?.addEventListener('click', () => {
    void send('DELETE', '/api/audit/session').finally(() => window.location.assign('/console/sign-in'));
  });
  window.addEventListener('hashchange', () => route(view));
  route(view);
  void integrityBadge().catch(() => undefined);
}

void start();
