import type { Channel, ContactAttempt } from '../domain/index.js';
import { localHour } from './local-time.js';

const DAY_MS = 86_400_000;

/** What the contact history says about when and where this consumer answers. */
export interface ContactPreference {
  lookbackDays: number;
  /** Messages the consumer sent, per channel, in the lookback. */
  answers: Partial<Record<Channel, number>>;
  total: number;
  /** The channel they wrote on most (ties: the one used last). */
  channel?: Channel;
  /** The local hour they wrote at most (ties: the one used last), with how many times. */
  hour?: { zone: string; hour: number; answers: number };
}

/**
 * Counts the consumer-initiated contacts of the last `lookbackDays`: simple and measurable, so the
 * decision record can say "answered by sms 4 of 5 times, usually around 19:00".
 */
export function contactPreference(attempts: readonly ContactAttempt[], zone: string | undefined, at: Date, lookbackDays = 90): ContactPreference {
  const now = at.getTime();
  const since = now - lookbackDays * DAY_MS;
  if (!attempts.some((attempt) => attempt.initiatedBy === 'consumer')) return { lookbackDays, answers: {}, total: 0 };
  const answers: Partial<Record<Channel, number>> = {};
  const lastOnChannel = new Map<Channel, number>();
  const perHour = new Array<number>(24).fill(0);
  const lastAtHour = new Array<number>(24).fill(-Infinity);
  let total = 0;
  for (const attempt of attempts) {
    if (attempt.initiatedBy !== 'consumer') continue;
    const ms = Date.parse(attempt.at);
    if (!(ms > since && ms <= now)) continue;
    total += 1;
    answers[attempt.channel] = (answers[attempt.channel] ?? 0) + 1;
    lastOnChannel.set(attempt.channel, Math.max(lastOnChannel.get(attempt.channel) ?? -Infinity, ms));
    if (zone) {
      const hour = localHour(zone, ms);
      perHour[hour] = (perHour[hour] ?? 0) + 1;
      lastAtHour[hour] = Math.max(lastAtHour[hour] ?? -Infinity, ms);
    }
  }
  const preference: ContactPreference = { lookbackDays, answers, total };
  let best: Channel | undefined;
  for (const [channel, count] of Object.entries(answers) as [Channel, number][]) {
    const bestCount = best ? (answers[best] ?? 0) : -1;
    if (count > bestCount || (count === bestCount && (lastOnChannel.get(channel) ?? 0) > (lastOnChannel.get(best as Channel) ?? 0))) best = channel;
  }
  if (best) preference.channel = best;
  if (zone && total > 0) {
    let hour = 0;
    for (let h = 1; h < 24; h++) {
      const count = perHour[h] ?? 0;
      const bestCount = perHour[hour] ?? 0;
      if (count > bestCount || (count === bestCount && count > 0 && (lastAtHour[h] ?? 0) > (lastAtHour[hour] ?? 0))) hour = h;
    }
    preference.hour = { zone, hour, answers: perHour[hour] ?? 0 };
  }
  return preference;
}

/** "sms 4 of 5, teams 1 of 5" for the decision record. */
export function describeAnswers(preference: ContactPreference): string {
  const entries = Object.entries(preference.answers) as [Channel, number][];
  if (entries.length === 0) return `no messages from the consumer in the last ${preference.lookbackDays} days`;
  return entries
    .sort((a, b) => b[1] - a[1])
    .map(([channel, count]) => `${channel} ${count} of ${preference.total}`)
    .join(', ');
}
