// Serializes turns per conversation inside one process: each turn waits on the promise of the one before it.
import { TurnLockTimeoutError } from './errors.js';
import type { TurnLock } from './types.js';

export interface MemoryTurnLockOptions {
  /** How long a turn may wait for the previous ones before giving up. */
  waitTimeoutMs?: number;
}

export const DEFAULT_LOCK_WAIT_MS = 10_000;

export class MemoryTurnLock implements TurnLock {
  // The last turn queued per conversation; removed when the queue drains so idle conversations cost nothing.
  private readonly tails = new Map<string, Promise<void>>();
  private readonly waitTimeoutMs: number;

  constructor(options: MemoryTurnLockOptions = {}) {
    this.waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_LOCK_WAIT_MS;
  }

  runExclusive<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    return this.runWithin(conversationId, this.waitTimeoutMs, fn);
  }

  /** Number of conversations with a turn running or queued. */
  get activeConversations(): number {
    return this.tails.size;
  }

  async runWithin<T>(conversationId: string, waitMs: number, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    let finish!: () => void;
    const mine = new Promise<void>((resolve) => {
      finish = resolve;
    });
    // The next turn waits for the previous ones AND this one, even if this one gives up early.
    const tail = previous.then(() => mine);
    this.tails.set(conversationId, tail);
    // Forget the conversation only when every queued turn has finished, not when a waiter gives up.
    void tail.then(() => {
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
    });

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), waitMs);
    });
    const turn = await Promise.race([previous.then(() => 'go' as const), timedOut]);
    clearTimeout(timer);
    if (turn === 'timeout') {
      finish();
      throw new TurnLockTimeoutError(conversationId, waitMs);
    }
    try {
      return await fn();
    } finally {
      finish();
    }
  }
}
