import { download, get } from './api.js';
import { clear, h, when } from './dom.js';
import { action, chip, notice, verdictBadge, type View } from './shared.js';
import type { Entry, RuleView, Transcript } from './types.js';

function rule(rule: RuleView, kind: 'applied' | 'violation'): HTMLElement {
  return h(
    'li',
    { class: `rule rule-${kind}` },
    h('span', { class: 'rule-id' }, rule.ruleId),
    ' ',
    h('cite', { class: 'citation' }, rule.citation),
    rule.reason ? h('div', { class: 'reason' }, rule.reason) : null,
  );
}

function decisionPanel(entry: Entry): HTMLElement | null {
  const decision = entry.decision;
  const parts: Array<HTMLElement | null> = [];
  if (decision) {
    const violationIds = new Set(decision.violations.map((violation) => violation.ruleId));
    parts.push(h('div', { class: 'decision-head' }, verdictBadge(decision.verdict), decision.deferUntil ? h('span', { class: 'muted' }, ` until ${when(decision.deferUntil)}`) : null));
    if (decision.violations.length) parts.push(h('ul', { class: 'rules' }, ...decision.violations.map((one) => rule(one, 'violation'))));
    const applied = decision.rules.filter((one) => !violationIds.has(one.ruleId));
    if (applied.length) parts.push(h('details', {}, h('summary', {}, `${applied.length} rule${applied.length === 1 ? '' : 's'} applied`), h('ul', { class: 'rules' }, ...applied.map((one) => rule(one, 'applied')))));
    if (decision.disclosures.length) parts.push(h('div', { class: 'disclosures' }, 'Disclosures: ', ...decision.disclosures.map((id) => chip(id))));
    if (decision.replacedDraft) {
      parts.push(
        h(
          'div',
          { class: 'replaced' },
          h('strong', {}, 'Model draft replaced (never sent to the consumer):'),
          h('blockquote', { class: 'blocked-draft' }, decision.replacedDraft.text),
          h('ul', { class: 'rules' }, ...decision.replacedDraft.violations.map((one) => rule(one, 'violation'))),
        ),
      );
    }
    if (decision.packVersion) parts.push(h('div', { class: 'muted small' }, `Rule packs ${decision.packVersion}`));
  }
  if (entry.flagChange) parts.push(h('div', { class: 'flag-change' }, chip(entry.flagChange.field, 'flag'), entry.flagChange.intent ? ` recognized as ${entry.flagChange.intent}` : ''));
  if (entry.handoff) parts.push(h('div', {}, chip(`hand-off: ${entry.handoff.reason}`)));
  return parts.length ? h('aside', { class: 'decision' }, ...parts) : null;
}

function entryRow(entry: Entry): HTMLElement {
  const who = entry.from === 'consumer' ? 'Consumer' : entry.from === 'parley' ? (entry.kind === 'decision' ? 'Parley · not sent' : 'Parley') : entry.kind;
  const message =
    entry.kind === 'decision' && entry.text === undefined
      ? h('div', { class: 'bubble from-parley not-sent' }, h('em', {}, `Not sent${entry.speechAct ? `: ${entry.speechAct}` : ''}`))
      : entry.text !== undefined
      ? h('div', { class: `bubble from-${entry.from}${entry.kind === 'decision' ? ' not-sent' : ''}` }, entry.text || h('em', { class: 'muted' }, '(no text)'))
      : entry.details
        ? h('div', { class: 'details' }, typeof entry.details.event === 'string' ? entry.details.event.replaceAll('-', ' ') : JSON.stringify(entry.details))
        : null;
  return h(
    'li',
    { class: `entry entry-${entry.kind}`, id: `event-${entry.id}`, 'data-seq': entry.seq },
    h(
      'div',
      { class: 'message' },
      h('div', { class: 'meta' }, h('strong', {}, who), ` · ${entry.channel ?? ''} · `, h('time', { datetime: entry.at, title: when(entry.at) }, entry.localTime ?? when(entry.at)), h('span', { class: 'muted' }, ` #${entry.seq}`)),
      message,
    ),
    decisionPanel(entry),
  );
}

export function conversationView(view: View, key: string, params: URLSearchParams): void {
  const unmask = params.get('unmask') === '1';
  clear(view.main);
  const status = h('span', { id: 'conversation-status' });
  view.main.append(h('p', {}, h('a', { href: '#/search' }, '← Search')), h('h1', {}, 'Conversation'), status);
  void (async () => {
    let transcript: Transcript;
    try {
      transcript = await get<Transcript>(`/api/audit/conversations/${encodeURIComponent(key)}`, unmask ? { unmask: '1' } : {});
    } catch (error) {
      view.main.appendChild(notice(error instanceof Error ? error.message : String(error), 'error'));
      return;
    }
    const integrity = transcript.integrity.ok
      ? h('span', { class: 'badge ok', id: 'chain-integrity' }, 'chain verified')
      : h('span', { class: 'badge broken', id: 'chain-integrity' }, `chain BROKEN at seq ${transcript.integrity.firstBroken.seq}: ${transcript.integrity.firstBroken.reason}`);
    const facts = h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Key'),
      h('dd', {}, h('code', {}, transcript.key)),
      h('dt', {}, 'Channel'),
      h('dd', {}, transcript.channel ?? ''),
      h('dt', {}, 'Account'),
      h('dd', {}, transcript.accountId ?? 'not linked', transcript.consumer ? ` · ${transcript.consumer}` : ''),
      h('dt', {}, 'Jurisdictions'),
      h('dd', {}, transcript.jurisdictions.join(', ') || '—'),
      h('dt', {}, 'Consumer time zone'),
      h('dd', {}, transcript.zone ? `${transcript.zone.zone} (from the ${transcript.zone.source})` : 'unknown: times shown in UTC'),
      h('dt', {}, 'Integrity'),
      h('dd', {}, integrity),
      h('dt', {}, 'Personal data'),
      h('dd', {}, transcript.masked ? 'masked' : h('strong', {}, 'unmasked (this view was recorded)')),
    );
    const buttons = h('div', { class: 'actions' });
    if (transcript.masked && view.can('unmask')) {
      buttons.appendChild(h('a', { class: 'button secondary', href: `#/conversation/${encodeURIComponent(key)}?unmask=1`, id: 'unmask' }, 'Unmask personal data'));
    } else if (!transcript.masked) {
      buttons.appendChild(h('a', { class: 'button secondary', href: `#/conversation/${encodeURIComponent(key)}` }, 'Mask again'));
    }
    if (view.can('export')) {
      const exportStatus = h('span', { id: 'export-status' });
      const button = h('button', { type: 'button', id: 'export-conversation' }, 'Export evidence (JSON Lines, CSV, PDF)');
      button.addEventListener('click', () =>
        action(button, async () => {
          const saved = await download('/api/audit/exports', { conversations: [key], formats: ['jsonl', 'csv', 'pdf'], unmask: !transcript.masked });
          exportStatus.textContent = `Saved ${saved.name}. Check it with: parley audit verify --export ${saved.name} (manifest sha256 ${saved.manifestSha256 ?? '?'})`;
          exportStatus.className = 'notice';
        }, exportStatus),
      );
      buttons.append(button, exportStatus);
    }
    view.main.append(facts, buttons, h('ol', { class: 'transcript', id: 'transcript' }, ...transcript.entries.map(entryRow)));
  })();
}
