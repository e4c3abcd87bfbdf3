// The draft checks on drafts nobody here wrote: guardrails/content/adversarial/*.jsonl, written by a
// writer who had not seen the checks (80 unlawful, 40 lawful, a quarter in Spanish), scored as a
// standalone draft. Prints how many unlawful drafts are caught and how many lawful ones pass, by kind.
// Run: npm run bench -- drafts
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkDraft, type DraftContext } from '../../guardrails/index.js';
import { danaAccount } from '../support/dana-account.js';

interface AdversarialDraft {
  text: string;
  language: 'en' | 'es';
  lawful: boolean;
  kind: string;
}

const account = danaAccount();

const dir = fileURLToPath(new URL('../../guardrails/content/adversarial/', import.meta.url));
for (const file of readdirSync(dir).filter((name) => name.endsWith('.jsonl'))) {
  const drafts = readFileSync(`${dir}${file}`, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as AdversarialDraft);
  const byKind = new Map<string, { total: number; right: number }>();
  const wrong: string[] = [];
  for (const draft of drafts) {
    const ctx: DraftContext = { language: draft.language, account, facts: { firstCommunication: false, identityVerified: true, initiatedBy: 'consumer' }, at: new Date('2025-03-01T15:00:00Z') };
    const blocked = checkDraft(draft.text, ctx).length > 0;
    const right = blocked !== draft.lawful;
    const entry = byKind.get(draft.kind) ?? { total: 0, right: 0 };
    entry.total += 1;
    if (right) entry.right += 1;
    else wrong.push(`${draft.lawful ? 'blocked a lawful draft' : 'sent an unlawful one'} (${draft.kind}, ${draft.language}): ${draft.text.slice(0, 110)}`);
    byKind.set(draft.kind, entry);
  }
  const unlawful = drafts.filter((draft) => !draft.lawful).length;
  const caught = unlawful - wrong.filter((line) => line.startsWith('sent')).length;
  const lawful = drafts.length - unlawful;
  const kept = lawful - wrong.filter((line) => line.startsWith('blocked')).length;
  console.log(`${file}: unlawful caught ${caught}/${unlawful}, lawful sent ${kept}/${lawful}`);
  for (const [kind, { total, right }] of [...byKind].sort()) console.log(`  ${kind.padEnd(20)} ${right}/${total}`);
  for (const line of wrong) console.log(`  ${line}`);
}
