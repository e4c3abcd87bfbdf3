export const DIRECT_LINE_BASE = '/v3/directline';
export const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{16,64})\/stream$/;
export const CONVERSATION_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** A watermark as clients send it: absent, empty or "-" is the start; otherwise a count this service gave out. */
export function parseWatermark(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '' || raw === '-') return 0;
  if (!/^\d{1,9}$/.test(raw)) return undefined;
  return Number(raw);
}
