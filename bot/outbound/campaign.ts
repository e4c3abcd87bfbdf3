import type { OutboundPortfolioReader, PortfolioRecord } from '../../adapters/index.js';
import { planOutbound, type CompanyInfo, type NewOutboundMessage, type OutboundKind, type OutboundPlan, type OutboundScheduler, type PlanMessage } from '../../dialogs/index.js';
import { pacingFor, type Channel, type PacingConfig } from '../../guardrails/index.js';

export interface CampaignOptions {
  at: Date;
  /** Names the campaign: its messages carry the dedupe key campaign:<name>, so a second run schedules nothing twice. */
  campaign: string;
  speechAct: string;
  kind: OutboundKind;
  channel: Channel | 'auto';
  slots?: Record<string, unknown>;
  pacing: PacingConfig;
  company: CompanyInfo;
  /** Plan only: nothing is written. */
  dryRun: boolean;
  onProgress?: (done: number) => void;
}

export interface CampaignSummary {
  at: string;
  campaign: string;
  dryRun: boolean;
  /** Accounts in the portfolio. */
  accounts: number;
  planned: number;
  /** Ids named by the portfolio file that are not in the records (import them first). */
  notInRecords: number;
  /** Accounts whose next message was already scheduled; it was planned, not replaced. */
  alreadyScheduled: number;
  sendNow: number;
  deferred: number;
  /** Deferred messages by the hour (UTC) they will go. */
  deferredUntil: Record<string, number>;
  suppressed: number;
  suppressedBy: Record<string, number>;
  blocked: number;
  blockedBy: Record<string, number>;
  cancelled: number;
  /** Messages written (0 on a dry run). */
  scheduled: number;
  seconds: number;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Plans the next message for every account of a portfolio: the one already scheduled, or this
 * campaign's. Tallies what would happen now; unless it is a dry run, schedules the campaign's message
 * for every account where it may go now or later.
 */
export async function runCampaign(
  pages: AsyncIterable<string[]>,
  reader: Pick<OutboundPortfolioReader, 'read'>,
  scheduler: Pick<OutboundScheduler, 'scheduleMany'> | undefined,
  options: CampaignOptions,
): Promise<CampaignSummary> {
  const started = performance.now();
  const summary: CampaignSummary = {
    at: options.at.toISOString(),
    campaign: options.campaign,
    dryRun: options.dryRun,
    accounts: 0,
    planned: 0,
    notInRecords: 0,
    alreadyScheduled: 0,
    sendNow: 0,
    deferred: 0,
    deferredUntil: {},
    suppressed: 0,
    suppressedBy: {},
    blocked: 0,
    blockedBy: {},
    cancelled: 0,
    scheduled: 0,
    seconds: 0,
  };
  const campaignMessage: PlanMessage = { kind: options.kind, speechAct: options.speechAct, slots: options.slots ?? {}, channel: options.channel, status: 'pending', createdAt: options.at };
  for await (const ids of pages) {
    const records = await reader.read(ids, options.at);
    const toSchedule: NewOutboundMessage[] = [];
    for (const id of ids) {
      summary.accounts += 1;
      const record = records.get(id);
      const account = record?.account;
      if (!record || !account) {
        summary.notInRecords += 1;
        continue;
      }
      const existing = record.open[0];
      // A message already scheduled for later is planned for when it is due.
      const at = existing && existing.dueAt > options.at ? existing.dueAt : options.at;
      const plan = planFor(record, account, existing ? { ...existing, status: existing.status === 'deferred' ? 'deferred' : 'pending' } : campaignMessage, { ...options, at });
      if (plan.verdict === 'send' && at > options.at) {
        plan.verdict = 'defer';
        plan.deferUntil = at;
        plan.reasonId = 'scheduled';
      }
      tally(summary, plan);
      if (existing) summary.alreadyScheduled += 1;
      else if (plan.verdict === 'send' || plan.verdict === 'defer') {
        toSchedule.push({
          accountId: id,
          kind: options.kind,
          speechAct: options.speechAct,
          slots: options.slots ?? {},
          dueAt: plan.verdict === 'defer' && plan.deferUntil ? plan.deferUntil : options.at,
          channel: options.channel,
          dedupeKey: `campaign:${options.campaign}`,
          source: `campaign:${options.campaign}`,
          createdAt: options.at,
        });
      }
    }
    if (!options.dryRun && scheduler && toSchedule.length > 0) summary.scheduled += await scheduler.scheduleMany(toSchedule);
    options.onProgress?.(summary.accounts);
  }
  summary.seconds = Number(((performance.now() - started) / 1000).toFixed(3));
  return summary;
}

function planFor(record: PortfolioRecord, account: NonNullable<PortfolioRecord['account']>, message: PlanMessage, options: CampaignOptions): OutboundPlan {
  return planOutbound({
    message,
    account,
    flags: record.flags,
    attempts: record.attempts,
    references: record.references,
    commitments: record.commitments,
    pacing: pacingFor(options.pacing, account),
    company: options.company,
    at: options.at,
  });
}

export function tally(summary: CampaignSummary, plan: OutboundPlan): void {
  summary.planned += 1;
  switch (plan.verdict) {
    case 'send':
      summary.sendNow += 1;
      break;
    case 'defer':
      summary.deferred += 1;
      bump(summary.deferredUntil, plan.deferUntil ? `${plan.deferUntil.toISOString().slice(0, 13)}:00Z` : 'unknown');
      break;
    case 'suppress':
      summary.suppressed += 1;
      bump(summary.suppressedBy, plan.reasonId);
      break;
    case 'block':
      summary.blocked += 1;
      bump(summary.blockedBy, plan.reasonId);
      break;
    case 'cancel':
      summary.cancelled += 1;
      break;
  }
}
