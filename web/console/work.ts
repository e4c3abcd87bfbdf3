import { get, send } from './api.js';
import { clear, h, when } from './dom.js';
import { action, chip, notice, type View } from './shared.js';
import type { Handoff, Hold, Review } from './types.js';

export function handoffsView(view: View): void {
  clear(view.main);
  view.main.appendChild(h('h1', {}, 'Hand-off queue'));
  const list = h('div');
  view.main.appendChild(list);
  const load = async () => {
    const data = await get<{ items: Handoff[]; workable: boolean }>('/api/audit/handoffs');
    clear(list);
    if (data.items.length === 0) {
      list.appendChild(notice('Nobody is waiting for a person.'));
      return;
    }
    const now = Date.now();
    for (const item of data.items) {
      const status = h('span');
      const claim = h('button', { type: 'button' }, 'Claim');
      const resolve = h('button', { type: 'button', class: 'secondary' }, 'Resolve');
      const note = h('input', { type: 'text', placeholder: 'resolution', 'aria-label': 'Resolution' });
      claim.addEventListener('click', () => action(claim, async () => { await send('POST', `/api/audit/handoffs/${encodeURIComponent(item.id)}/claim`, {}); await load(); }, status));
      resolve.addEventListener('click', () => action(resolve, async () => { await send('POST', `/api/audit/handoffs/${encodeURIComponent(item.id)}/resolve`, { resolution: note.value || 'resolved' }); await load(); }, status));
      const waited = Math.round((now - new Date(item.requestedAt).getTime()) / 60_000);
      list.appendChild(
        h(
          'article',
          { class: 'card' },
          h('h2', {}, chip(item.reason), ` ${item.channel} · account ${item.accountId ?? 'unverified'}`),
          h('p', { class: 'muted' }, `requested ${when(item.requestedAt)} · ${item.claimedAt ? `claimed by ${item.claimedBy ?? '?'}` : `waiting ${waited} min`}`),
          h('ol', { class: 'context' }, ...item.context.map((turn) => h('li', {}, h('strong', {}, `${turn.from}: `), turn.text))),
          data.workable ? h('div', { class: 'actions' }, item.claimedAt ? null : claim, note, resolve, status) : null,
        ),
      );
    }
  };
  void load().catch((error: unknown) => list.appendChild(notice(error instanceof Error ? error.message : String(error), 'error')));
}

export function reviewsView(view: View): void {
  clear(view.main);
  const status = h('span');
  const size = h('input', { id: 'sample-size', type: 'number', min: 1, max: 500, value: 10 });
  const days = h('input', { id: 'sample-days', type: 'number', min: 1, max: 400, value: 30 });
  const draw = h('button', { type: 'submit' }, 'Draw a risk-weighted sample');
  const form = h('form', { class: 'filters inline' }, h('label', { for: 'sample-size' }, 'Conversations'), size, h('label', { for: 'sample-days' }, 'active in the last (days)'), days, draw, status);
  const list = h('div');
  view.main.append(
    h('h1', {}, 'QA review'),
    h('p', { class: 'muted' }, 'Conversations are drawn with a probability that grows with their risk: blocks, suppressions, replaced model drafts, hand-offs, disputes, crisis, cease and attorney flags.'),
    form,
    list,
  );
  const load = async () => {
    const data = await get<{ items: Review[] }>('/api/audit/reviews');
    clear(list);
    if (data.items.length === 0) list.appendChild(notice('No review yet: draw a sample.'));
    for (const review of data.items) {
      const rowStatus = h('span');
      const outcome = h('select', { 'aria-label': 'Outcome' }, ...['compliant', 'finding', 'escalated'].map((value) => h('option', { value }, value)));
      const notes = h('input', { type: 'text', placeholder: 'notes', 'aria-label': 'Notes' });
      const sign = h('button', { type: 'button' }, 'Sign off');
      sign.addEventListener('click', () => action(sign, async () => { await send('POST', `/api/audit/reviews/${review.id}/sign-off`, { outcome: outcome.value, notes: notes.value || undefined }); await load(); }, rowStatus));
      list.appendChild(
        h(
          'article',
          { class: 'card' },
          h('h2', {}, h('a', { href: `#/conversation/${encodeURIComponent(review.key)}` }, review.key), ` · weight ${review.weight}`),
          h('p', {}, ...review.reasons.map((reason) => chip(reason, 'warn'))),
          review.signedAt
            ? h('p', {}, chip(review.outcome ?? '', review.outcome === 'compliant' ? 'ok' : 'warn'), ` signed ${when(review.signedAt)} by ${review.signedBy ?? ''}${review.notes ? `: ${review.notes}` : ''}`)
            : h('div', { class: 'actions' }, outcome, notes, sign, rowStatus),
        ),
      );
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    action(draw, async () => {
      const to = new Date();
      const from = new Date(to.getTime() - Number(days.value) * 86_400_000);
      const drawn = await send<{ reviews: Review[]; candidates: number }>('POST', '/api/audit/reviews/sample', { size: Number(size.value), from: from.toISOString(), to: to.toISOString() });
      status.textContent = `Drew ${drawn.reviews.length} of ${drawn.candidates} conversations not reviewed before.`;
      status.className = 'notice';
      await load();
    }, status);
  });
  void load().catch((error: unknown) => list.appendChild(notice(error instanceof Error ? error.message : String(error), 'error')));
}

export function holdsView(view: View): void {
  clear(view.main);
  const account = h('input', { id: 'hold-account', required: true, placeholder: 'account id' });
  const reason = h('input', { id: 'hold-reason', required: true, placeholder: 'matter or request', minlength: 3 });
  const place = h('button', { type: 'submit' }, 'Place a legal hold');
  const status = h('span');
  const form = h('form', { class: 'filters inline' }, h('label', { for: 'hold-account' }, 'Account'), account, h('label', { for: 'hold-reason' }, 'Reason'), reason, place, status);
  const list = h('div');
  view.main.append(h('h1', {}, 'Legal holds'), h('p', { class: 'muted' }, 'While a hold is in place, retention removes nothing of the account.'), form, list);
  const load = async () => {
    const data = await get<{ items: Hold[] }>('/api/audit/holds');
    clear(list);
    if (data.items.length === 0) list.appendChild(notice('No hold is in place.'));
    for (const hold of data.items) {
      const rowStatus = h('span');
      const release = h('button', { type: 'button', class: 'secondary' }, 'Release');
      release.addEventListener('click', () => action(release, async () => { await send('POST', `/api/audit/holds/${hold.id}/release`, {}); await load(); }, rowStatus));
      list.appendChild(h('article', { class: 'card' }, h('h2', {}, `Account ${hold.accountId}`), h('p', {}, hold.reason), h('p', { class: 'muted' }, `placed ${when(hold.placedAt)} by ${hold.placedBy}`), release, rowStatus));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    action(place, async () => {
      await send('POST', '/api/audit/holds', { accountId: account.value.trim(), reason: reason.value.trim() });
      account.value = '';
      reason.value = '';
      await load();
    }, status);
  });
  void load().catch((error: unknown) => list.appendChild(notice(error instanceof Error ? error.message : String(error), 'error')));
}
