import type { HandoffQueue, HandoffRequest } from '../../dialogs/ports.js';

/** People waiting for a person, oldest first; held in memory until the console works the queue. */
export class MemoryHandoffQueue implements HandoffQueue {
  private readonly waiting: HandoffRequest[] = [];

  async enqueue(request: HandoffRequest): Promise<{ position: number }> {
    this.waiting.push(request);
    return { position: this.waiting.length };
  }

  async list(): Promise<HandoffRequest[]> {
    return this.waiting.slice();
  }
}
