import { download, get } from './api.js';
import { clear, h, when } from './dom.js';
import { action, chip, notice, verdictBadge, type View } from './shared.js';
import type { ConversationRow, DecisionHit, Page } from './types.js';

const FIELDS: Array<{ name: string; label: string; type?: string; placeholder?: string; options?: string[] }> = [
  { name: 'account', label: 'Account', placeholder: 'DEMO-MA-001' },
  { name: 'phone', label: 'Consumer phone', placeholder: '+16175550123' },
  { name: 'name', label: 'Consumer name' },
  { name: 'from', label: 'From', type: 'date' },
  { name: 'to', label: 'To', type: 'date' },
  { name: 'channel', label: 'Channel', options: ['', 'webchat', 'sms', 'msteams', 'directline', 'email'] },
  { name: 'jurisdiction', label: 'Jurisdiction', placeholder: 'US-MA' },
  { name: 'rule', label: 'Rule id or citation', placeholder: 'dispute or 1006.38' },
  { name: 'verdict', label: 'Decision', options: ['', 'send', 'defer', 'block', 'suppress'] },
  { name: 'flag', label: 'Flag change', options: ['', 'dispute', 'cease', 'optOuts', 'attorney', 'crisis', 'wrongPerson', 'bankruptcy', 'deceased', 'hardship', 'validationRequested', 'inconvenientTimes'] },
  { name: 'replaced', label: 'Model rewrite replaced', options: ['', 'true', 'false'] },
  { name: 'text', label: 'Free text', placeholder: 'words in a message' },
];

function field(spec: (typeof FIELDS)[number], value: string): HTMLElement {
  const id = `f-${spec.name}`;
  const input = spec.options
    ? h('select', { id, name: spec.name }, ...spec.options.map((option) => h('option', { value: option, selected: option === value }, option || 'any')))
    : h('input', { id, name: spec.name, type: spec.type ?? 'text', value, placeholder: spec.placeholder });
  return h('div', { class: 'field' }, h('label', { for: id }, spec.label), input);
}

export function searchView(view: View, params: URLSearchParams): void {
  const mode = params.get('mode') === 'decisions' ? 'decisions' : 'conversations';
  const form = h(
    'form',
    { class: 'filters', id: 'search-form' },
    ...FIELDS.map((spec) => field(spec, params.get(spec.name) ?? '')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'f-mode' }, 'List'),
      h('select', { id: 'f-mode', name: 'mode' }, h('option', { value: 'conversations', selected: mode === 'conversations' }, 'conversations'), h('option', { value: 'decisions', selected: mode === 'decisions' }, 'decisions and flag changes')),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Search'), h('button', { type: 'reset', class: 'secondary' }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    new FormData(form).forEach((value, key) => {
      if (typeof value === 'string' && value.trim()) next.set(key, value.trim());
    });
    view.go(`#/search?${next.toString()}`);
  });
  form.addEventListener('reset', () => setTimeout(() => view.go('#/search'), 0));
  const results = h('section', { class: 'results', 'aria-live': 'polite' });
  clear(view.main);
  view.main.append(h('h1', {}, 'Search the audit trail'), form, results);

  const filters: Record<string, string> = {};
  for (const spec of FIELDS) {
    const value = params.get(spec.name);
    if (value) filters[spec.name] = value;
  }
  if (mode === 'decisions') void listDecisions(view, results, filters);
  else void listConversations(view, results, filters);
}

async function listConversations(view: View, results: HTMLElement, filters: Record<string, string>): Promise<void> {
  const table = h('table', { class: 'grid-table', id: 'conversation-results' });
  table.appendChild(
    h('thead', {}, h('tr', {}, h('th', {}, 'Last activity'), h('th', {}, 'Channel'), h('th', {}, 'Account'), h('th', {}, 'Messages'), h('th', {}, 'Decisions'), h('th', {}, 'Flags'), h('th', {}, ''))),
  );
  const tbody = h('tbody');
  table.appendChild(tbody);
  const more = h('button', { type: 'button', class: 'secondary' }, 'More');
  const status = h('span');
  const exportButton = h('button', { type: 'button', class: 'secondary', id: 'export-matching' }, 'Export all matching');
  results.append(table, h('div', { class: 'actions' }, more, view.can('export') ? exportButton : null, status));
  exportButton.addEventListener('click', () =>
    action(exportButton, async () => {
      const saved = await download('/api/audit/exports', { filters, formats: ['jsonl', 'csv', 'pdf'] });
      status.textContent = `Saved ${saved.name} (manifest sha256 ${saved.manifestSha256 ?? '?'})`;
      status.className = 'notice';
    }, status),
  );
  let cursor: string | undefined;
  let total = 0;
  const load = async () => {
    const page = await get<Page<ConversationRow>>('/api/audit/conversations', { ...filters, ...(cursor ? { cursor } : {}) });
    for (const row of page.items) {
      const link = h('a', { href: `#/conversation/${encodeURIComponent(row.key)}` }, 'Open');
      tbody.appendChild(
        h(
          'tr',
          { 'data-key': row.key },
          h('td', {}, when(row.lastAt)),
          h('td', {}, row.channel ?? ''),
          h('td', {}, row.accountId ?? h('span', { class: 'muted' }, 'not linked'), row.consumer ? h('div', { class: 'muted' }, row.consumer) : null),
          h('td', {}, `${row.inbound} in / ${row.outbound} out`),
          h('td', {}, ...row.verdicts.map((verdict) => verdictBadge(verdict)), row.replaced ? chip('rewrite replaced', 'warn') : null),
          h('td', {}, ...row.flags.map((flag) => chip(flag, 'flag'))),
          h('td', {}, link),
        ),
      );
    }
    total += page.items.length;
    cursor = page.next;
    more.hidden = !cursor;
    if (total === 0) results.replaceChildren(notice('No conversation matches these filters.'));
  };
  more.addEventListener('click', () => action(more, load, status));
  await load().catch((error: unknown) => results.replaceChildren(notice(error instanceof Error ? error.message : String(error), 'error')));
}

function decisionSummary(hit: DecisionHit): HTMLElement {
  const payload = hit.payload as { decision?: { verdict?: string; violations?: Array<{ ruleId: string; citation: string }> }; field?: string; reason?: string; text?: string };
  if (hit.kind === 'flag-change') return h('span', {}, chip(String(payload.field ?? ''), 'flag'));
  if (hit.kind === 'handoff') return h('span', {}, chip(`hand-off: ${String(payload.reason ?? '')}`));
  return h(
    'span',
    {},
    verdictBadge(payload.decision?.verdict ?? '?'),
    ...(payload.decision?.violations ?? []).map((rule) => chip(`${rule.ruleId} · ${rule.citation}`, 'rule')),
  );
}

async function listDecisions(_view: View, results: HTMLElement, filters: Record<string, string>): Promise<void> {
  const table = h('table', { class: 'grid-table' });
  table.appendChild(h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Channel'), h('th', {}, 'What'), h('th', {}, 'Text'), h('th', {}, ''))));
  const tbody = h('tbody');
  table.appendChild(tbody);
  const more = h('button', { type: 'button', class: 'secondary' }, 'More');
  const status = h('span');
  results.append(table, h('div', { class: 'actions' }, more, status));
  let cursor: string | undefined;
  let total = 0;
  const load = async () => {
    const page = await get<Page<DecisionHit>>('/api/audit/decisions', { ...filters, ...(cursor ? { cursor } : {}) });
    for (const hit of page.items) {
      const text = typeof hit.payload.text === 'string' ? hit.payload.text : '';
      tbody.appendChild(
        h(
          'tr',
          {},
          h('td', {}, when(hit.at)),
          h('td', {}, hit.channel ?? ''),
          h('td', {}, decisionSummary(hit)),
          h('td', { class: 'clip' }, text),
          h('td', {}, hit.key ? h('a', { href: `#/conversation/${encodeURIComponent(hit.key)}` }, 'Open') : ''),
        ),
      );
    }
    total += page.items.length;
    cursor = page.next;
    more.hidden = !cursor;
    if (total === 0) results.replaceChildren(notice('No decision matches these filters.'));
  };
  more.addEventListener('click', () => action(more, load, status));
  await load().catch((error: unknown) => results.replaceChildren(notice(error instanceof Error ? error.message : String(error), 'error')));
}
