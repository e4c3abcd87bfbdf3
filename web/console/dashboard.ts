import { get } from './api.js';
import { horizontalBars, stackedBars } from './charts.js';
import { clear, h } from './dom.js';
import { notice, type View } from './shared.js';
import type { Dashboard } from './types.js';

function days(from: string, to: string): string[] {
  const out: string[] = [];
  const start = new Date(`${from.slice(0, 10)}T00:00:00Z`).getTime();
  const end = new Date(to).getTime();
  for (let t = start; t < end && out.length < 400; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function pivot<T extends { day: string }>(labels: string[], rows: T[], seriesOf: (row: T) => string, valueOf: (row: T) => number) {
  const names = [...new Set(rows.map(seriesOf))].sort();
  const index = new Map(labels.map((label, i) => [label, i]));
  return names.map((name) => {
    const values = labels.map(() => 0);
    for (const row of rows) {
      const i = index.get(row.day);
      if (seriesOf(row) === name && i !== undefined) values[i] = (values[i] ?? 0) + valueOf(row);
    }
    return { name, values };
  });
}

export function dashboardView(view: View, params: URLSearchParams): void {
  clear(view.main);
  const range = params.get('days') ?? '30';
  const form = h(
    'form',
    { class: 'filters inline' },
    h('label', { for: 'days' }, 'Show the last'),
    h('select', { id: 'days', name: 'days' }, ...['7', '30', '90', '365'].map((value) => h('option', { value, selected: value === range }, `${value} days`))),
  );
  form.addEventListener('change', () => view.go(`#/dashboard?days=${(form.elements.namedItem('days') as HTMLSelectElement).value}`));
  view.main.append(h('h1', {}, 'Oversight'), form);
  const to = new Date();
  const from = new Date(to.getTime() - Number(range) * 86_400_000);
  void get<Dashboard>('/api/audit/dashboard', { from: from.toISOString(), to: to.toISOString() }).then(
    (data) => {
      const labels = days(data.range.from, data.range.to);
      const wait = data.handoffs.waitMinutes;
      view.main.append(
        h(
          'div',
          { class: 'totals' },
          h('div', {}, h('strong', {}, String(data.totals.conversations)), ' conversations'),
          h('div', {}, h('strong', {}, String(data.totals.messages)), ' messages'),
          h('div', {}, h('strong', {}, String(data.totals.decisions)), ' decisions'),
          h('div', {}, h('strong', {}, String(data.handoffs.waiting)), ' hand-offs waiting'),
          h('div', {}, 'hand-off wait p50 ', h('strong', {}, wait.p50 === null ? '—' : `${wait.p50} min`), ' · p90 ', h('strong', {}, wait.p90 === null ? '—' : `${wait.p90} min`)),
        ),
        h(
          'div',
          { class: 'charts' },
          stackedBars('Messages by channel per day', labels, pivot(labels, data.messagesByChannel, (row) => row.channel, (row) => row.count)),
          horizontalBars(
            'Rules that stopped, deferred or changed a message',
            data.decisionsByRule.map((row) => ({ label: `${row.ruleId} · ${row.citation}`, value: row.count })),
          ),
          stackedBars('Deferrals, blocks, suppressions and replaced model drafts', labels, [
            { name: 'deferred', values: labels.map((day) => data.interventions.find((row) => row.day === day)?.deferred ?? 0) },
            { name: 'blocked', values: labels.map((day) => data.interventions.find((row) => row.day === day)?.blocked ?? 0) },
            { name: 'suppressed', values: labels.map((day) => data.interventions.find((row) => row.day === day)?.suppressed ?? 0) },
            { name: 'model draft replaced', values: labels.map((day) => data.interventions.find((row) => row.day === day)?.replaced ?? 0) },
          ]),
          stackedBars('Disputes, opt-outs and other rights recognized', labels, pivot(labels, data.flagChanges, (row) => row.field, (row) => row.count)),
          stackedBars('Hand-offs requested', labels, [{ name: 'hand-offs', values: labels.map((day) => data.handoffs.perDay.find((row) => row.day === day)?.count ?? 0) }]),
        ),
      );
    },
    (error: unknown) => view.main.appendChild(notice(error instanceof Error ? error.message : String(error), 'error')),
  );
}
