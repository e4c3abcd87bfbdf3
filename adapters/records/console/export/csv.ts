import type { TranscriptEntry } from '../transcript.js';

export const CSV_COLUMNS = [
  'conversation',
  'event_id',
  'chain_id',
  'seq',
  'at_utc',
  'consumer_local_time',
  'channel',
  'kind',
  'from',
  'text',
  'verdict',
  'rules',
  'violations',
  'disclosures',
  'blocked_draft',
  'blocked_draft_violations',
  'flag_change',
  'handoff',
  'hash',
] as const;

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(value: string | number | undefined | null): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const rules = (list: ReadonlyArray<{ ruleId: string; citation: string }> | undefined) => (list ?? []).map((rule) => `${rule.ruleId} (${rule.citation})`).join('; ');

export function csvRow(conversation: string, entry: TranscriptEntry): string {
  const decision = entry.decision;
  const cells = [
    conversation,
    entry.id,
    entry.chainId,
    entry.seq,
    entry.at,
    entry.localTime,
    entry.channel,
    entry.kind,
    entry.from,
    entry.text,
    decision?.verdict,
    rules(decision?.rules),
    rules(decision?.violations),
    decision?.disclosures.join('; '),
    decision?.replacedDraft?.text,
    rules(decision?.replacedDraft?.violations),
    entry.flagChange ? `${entry.flagChange.field}${entry.flagChange.intent ? ` (${entry.flagChange.intent})` : ''}` : undefined,
    entry.handoff?.reason,
    entry.hash,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}
