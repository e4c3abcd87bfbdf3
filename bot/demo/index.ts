import fs from 'node:fs';
import type { RecordsStore } from '../../dialogs/index.js';
import { consumerFlagsSchema, parseAccount, type Account, type ConsumerFlags } from '../../guardrails/index.js';

const portfolioFile = new URL('./portfolio.jsonl', import.meta.url);
const flagsFile = new URL('./flags.json', import.meta.url);

/** The synthetic accounts of bot/demo/portfolio.jsonl, validated like any import. */
export function demoPortfolio(): Account[] {
  return fs
    .readFileSync(portfolioFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = parseAccount(JSON.parse(line));
      if (!parsed.ok) throw new Error(`bot/demo/portfolio.jsonl line ${index + 1}: ${parsed.errors.join('; ')}`);
      return parsed.value;
    });
}

/** The flags of the edge-case accounts (disputed, represented, opted out), by account id. */
export function demoFlags(): Record<string, ConsumerFlags> {
  const raw = JSON.parse(fs.readFileSync(flagsFile, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).map(([accountId, flags]) => [accountId, consumerFlagsSchema.parse(flags)]));
}

/**
 * Loads the demo portfolio and its flags into a store that holds no accounts yet; a store with
 * accounts is left alone, so real data is never mixed with the demo.
 */
export async function loadDemoPortfolioIfEmpty(store: RecordsStore, at: Date): Promise<{ loaded: number }> {
  if ((await store.accounts.count()) > 0) return { loaded: 0 };
  const accounts = demoPortfolio();
  const flags = demoFlags();
  await store.accounts.upsertMany(accounts, {
    auditEvent: (summary) => ({ chainId: 'system', kind: 'import', payload: { source: 'demo portfolio', accounts: accounts.length, ...summary }, at }),
  });
  for (const [accountId, accountFlags] of Object.entries(flags)) {
    await store.flags.update(accountId, () => accountFlags);
    await store.audit.append({
      chainId: `account:${accountId}`,
      kind: 'flag-change',
      accountId,
      payload: { source: 'demo portfolio', set: Object.keys(accountFlags).filter((key) => isSet(accountFlags[key as keyof ConsumerFlags])) },
      at,
    });
  }
  return { loaded: accounts.length };
}

function isSet(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== false;
}
