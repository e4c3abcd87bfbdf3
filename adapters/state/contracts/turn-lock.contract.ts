// The behaviour every TurnLock must show; run against memory and Redis.
import { describe, expect, it } from 'vitest';
import { TurnLockTimeoutError } from '../errors.js';
import type { TurnLock } from '../types.js';

export interface TurnLockContract {
  /**
   * `count` locks sharing one backend, as several Parley instances would (the in-memory backend, which
   * cannot be shared, may hand out the same lock each time).
   */
  create(options: { count: number; waitTimeoutMs?: number }): Promise<TurnLock[]>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A promise with its resolver, to hold a turn open until the test lets go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

export function describeTurnLockContract(name: string, contract: TurnLockContract): void {
  describe(`${name}: turn lock contract`, () => {
    it('never runs two turns of one conversation at the same time, and loses no turn', async () => {
      const locks = await contract.create({ count: 3 });
      let running = 0;
      let mostAtOnce = 0;
      const finished: number[] = [];
      const turns = Array.from({ length: 9 }, (_, i) =>
        locks[i % locks.length]!.runExclusive('conv-a', async () => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await sleep(5);
          running -= 1;
          finished.push(i);
          return i;
        }),
      );
      expect(await Promise.all(turns)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(mostAtOnce).toBe(1);
      expect(finished.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('runs the turns of one conversation in arrival order on one instance', async () => {
      const [lock] = await contract.create({ count: 1 });
      const order: number[] = [];
      await Promise.all(
        [0, 1, 2, 3, 4].map((i) =>
          lock!.runExclusive('conv-order', async () => {
            await sleep(2);
            order.push(i);
          }),
        ),
      );
      expect(order).toEqual([0, 1, 2, 3, 4]);
    });

    it('runs turns of different conversations in parallel', async () => {
      const locks = await contract.create({ count: 2 });
      const bothStarted = { a: gate(), b: gate() };
      // Each turn waits for the other to have started: serialized, they would time out.
      const waitForOther = (other: Promise<void>) => Promise.race([other.then(() => 'together'), sleep(2_000).then(() => 'alone')]);
      const a = locks[0]!.runExclusive('conv-x', async () => {
        bothStarted.a.open();
        return waitForOther(bothStarted.b.opened);
      });
      const b = locks[1]!.runExclusive('conv-y', async () => {
        bothStarted.b.open();
        return waitForOther(bothStarted.a.opened);
      });
      expect(await Promise.all([a, b])).toEqual(['together', 'together']);
    });

    it('passes a failing turn’s error to its caller and lets the next turn run', async () => {
      const [lock] = await contract.create({ count: 1 });
      const failing = lock!.runExclusive('conv-err', async () => {
        throw new Error('dialog blew up');
      });
      const next = lock!.runExclusive('conv-err', async () => 'next ran');
      await expect(failing).rejects.toThrow('dialog blew up');
      expect(await next).toBe('next ran');
    });

    it('gives up waiting after the wait limit with a clear error, and the conversation still works after', async () => {
      const locks = await contract.create({ count: 2, waitTimeoutMs: 150 });
      const hold = gate();
      const holding = locks[0]!.runExclusive('conv-stuck', () => hold.opened);
      await sleep(20);
      const started = Date.now();
      const waiting = locks[1]!.runExclusive('conv-stuck', async () => 'should not run');
      await expect(waiting).rejects.toBeInstanceOf(TurnLockTimeoutError);
      await expect(waiting).rejects.toThrow(/Timed out after 150 ms waiting for the previous turn/);
      expect(Date.now() - started).toBeLessThan(1_500);

      hold.open();
      await holding;
      expect(await locks[1]!.runExclusive('conv-stuck', async () => 'free again')).toBe('free again');
    });

    it('keeps a turn that gave up from letting the next one overtake the turn still running', async () => {
      const [lock] = await contract.create({ count: 1, waitTimeoutMs: 100 });
      const hold = gate();
      let firstDone = false;
      const first = lock!.runExclusive('conv-q', async () => {
        await hold.opened;
        firstDone = true;
      });
      await sleep(10);
      const gaveUp = lock!.runExclusive('conv-q', async () => undefined);
      await expect(gaveUp).rejects.toBeInstanceOf(TurnLockTimeoutError);
      // Arrives after the waiter gave up; must still wait for the first turn.
      const third = lock!.runExclusive('conv-q', async () => firstDone);
      hold.open();
      await first;
      expect(await third).toBe(true);
    });
  });
}
