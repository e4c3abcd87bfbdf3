import { planOutbound, resolutionOf, type CompanyInfo, type OutboundContext, type OutboundDispatchStore, type OutboundPlan, type OutboundResolution } from '../../dialogs/index.js';
import { pacingConfigSchema, pacingFor, type PacingConfig } from '../../guardrails/index.js';
import { deliver, deliverableChannels, flagChangesFor, type OutboundSenders } from './delivery.js';

/** The subset of pino the dispatcher uses; it logs ids and verdicts, never numbers or text. */
export interface DispatcherLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface OutboundDispatcherOptions {
  store: OutboundDispatchStore;
  senders: OutboundSenders;
  company: CompanyInfo;
  /** Pacing per portfolio; default: the built-in policy for everyone. */
  pacing?: PacingConfig;
  clock?: () => Date;
  logger?: DispatcherLogger;
  /** How often the loop looks for due messages. Default 5 s. */
  pollIntervalMs?: number;
  /** Messages decided and delivered at once on this instance. Default 2. */
  concurrency?: number;
  /** A message still 'sending' this long after its decision was left by a stopped dispatcher. Default 10 minutes. */
  staleAfterMs?: number;
  /** Told of every message decided (metrics, tests). */
  onProcessed?: (event: DispatchEvent) => void;
}

export interface DispatchEvent {
  messageId: string;
  accountId: string;
  status: OutboundResolution['status'] | 'sent' | 'failed';
  channel?: string;
  deferUntil?: Date;
}

export interface DispatchSummary {
  processed: number;
  sent: number;
  failed: number;
  deferred: number;
  suppressed: number;
  blocked: number;
  cancelled: number;
  /** Messages that could not be processed (records unavailable); nothing was sent for them. */
  errors: number;
}

function emptySummary(): DispatchSummary {
  return { processed: 0, sent: 0, failed: 0, deferred: 0, suppressed: 0, blocked: 0, cancelled: 0, errors: 0 };
}

/**
 * Sends due outbound messages. Each message is decided in one transaction with its attempt recorded
 * (OutboundDispatchStore.processNext), then handed to its channel, then its outcome recorded. Any
 * number of instances may run one against the same database.
 */
export class OutboundDispatcher {
  private readonly clock: () => Date;
  private readonly pacing: PacingConfig;
  private readonly deliverable: ('sms' | 'teams' | 'webchat')[];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private lastRecovery = 0;

  constructor(private readonly options: OutboundDispatcherOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.pacing = options.pacing ?? pacingConfigSchema.parse({});
    this.deliverable = deliverableChannels(options.senders);
  }

  private decide(context: OutboundContext, plans: Map<string, OutboundPlan>): OutboundResolution {
    const { message } = context;
    const plan = planOutbound({
      message: { ...message, status: message.status === 'deferred' ? 'deferred' : 'pending' },
      account: context.account,
      flags: context.flags,
      attempts: context.attempts,
      references: context.references,
      commitments: context.commitments,
      pacing: pacingFor(this.pacing, context.account),
      company: this.options.company,
      deliverable: this.deliverable,
      at: context.at,
    });
    plans.set(message.id, plan);
    return resolutionOf(plan, message, context.at);
  }

  /** Decides and delivers one due message; false when none is due. */
  private async processOne(summary: DispatchSummary): Promise<boolean> {
    const plans = new Map<string, OutboundPlan>();
    let processed;
    try {
      processed = await this.options.store.processNext(this.clock(), (context) => this.decide(context, plans));
    } catch (error) {
      summary.errors += 1;
      this.options.logger?.error({ err: error }, 'outbound: a message could not be decided; nothing was sent');
      return false;
    }
    if (!processed) return false;
    const { message, resolution } = processed;
    summary.processed += 1;
    const event: DispatchEvent = { messageId: message.id, accountId: message.accountId, status: resolution.status };
    if (resolution.status !== 'sending') {
      const key = resolution.status as Exclude<typeof resolution.status, 'sending'>;
      summary[key] += 1;
      if (resolution.status === 'deferred') event.deferUntil = message.dueAt;
      this.options.logger?.info({ messageId: message.id, status: resolution.status }, 'outbound: decided');
      this.options.onProcessed?.(event);
      return true;
    }
    const plan = plans.get(message.id);
    const attemptId = processed.attemptId;
    if (!plan || !attemptId) throw new Error('a message being sent has no plan or attempt');
    const outcome = await deliver(this.options.senders, plan, message.accountId);
    const at = this.clock();
    try {
      await this.options.store.completeDelivery({
        messageId: message.id,
        accountId: message.accountId,
        attemptId,
        channel: resolution.channel,
        at,
        outcome: outcome.outcome,
        ...(outcome.ids ? { ids: outcome.ids } : {}),
        ...(outcome.detail ? { detail: outcome.detail } : {}),
        flagChanges: flagChangesFor(plan, outcome, at),
      });
    } catch (error) {
      // The message left (or was refused); only its outcome could not be written. Recovery will mark it.
      this.options.logger?.error({ err: error, messageId: message.id }, 'outbound: delivery outcome could not be recorded');
    }
    const sent = outcome.outcome === 'delivered';
    summary[sent ? 'sent' : 'failed'] += 1;
    this.options.logger?.[sent ? 'info' : 'warn']({ messageId: message.id, channel: resolution.channel, outcome: outcome.outcome }, 'outbound: delivered');
    this.options.onProcessed?.({ ...event, status: sent ? 'sent' : 'failed', channel: resolution.channel });
    return true;
  }

  /** Processes due messages until none is left (or `max` were processed). */
  async runOnce(max = Number.POSITIVE_INFINITY): Promise<DispatchSummary> {
    const summary = emptySummary();
    let started = 0;
    const worker = async (): Promise<void> => {
      while (started < max && !this.stopped) {
        started += 1;
        if (!(await this.processOne(summary))) return;
      }
    };
    const workers = Math.max(1, this.options.concurrency ?? 2);
    await Promise.all(Array.from({ length: workers }, () => worker()));
    return summary;
  }

  /** Marks messages a stopped dispatcher left mid-send as failed (never resent). */
  async recoverStale(): Promise<number> {
    const now = this.clock();
    const recovered = await this.options.store.recoverStale(new Date(now.getTime() - (this.options.staleAfterMs ?? 600_000)), now);
    if (recovered > 0) this.options.logger?.warn({ recovered }, 'outbound: messages left mid-send by a stopped dispatcher marked failed');
    return recovered;
  }

  /** Runs the loop until stop(). */
  start(): void {
    if (this.timer || this.running) return;
    this.stopped = false;
    const interval = this.options.pollIntervalMs ?? 5_000;
    const tick = (): void => {
      this.timer = undefined;
      this.running = (async () => {
        try {
          if (Date.now() - this.lastRecovery > 60_000) {
            this.lastRecovery = Date.now();
            await this.recoverStale();
          }
          await this.runOnce();
        } catch (error) {
          this.options.logger?.error({ err: error }, 'outbound: dispatcher round failed');
        }
      })().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.timer = setTimeout(tick, interval);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops the loop and waits for the message in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
