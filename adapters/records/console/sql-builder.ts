import type { SqlParam } from '../sql-client.js';

/** Numbered parameters for a statement assembled from optional filters. */
export class Params {
  readonly values: SqlParam[] = [];

  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A text[] parameter (sent as JSON, which both drivers pass the same way). */
  textArray(values: readonly string[]): string {
    return `ARRAY(SELECT jsonb_array_elements_text(${this.add(JSON.stringify(values))}::jsonb))`;
  }
}

/** LIKE pattern matching `text` literally (keys hold _ and % only by accident). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): string[] | undefined {
  if (!cursor) return undefined;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === length && parts.every((part) => typeof part === 'string')) return parts as string[];
  } catch {
    // fall through
  }
  throw new CursorError();
}

export class CursorError extends Error {
  constructor() {
    super('The page cursor is not one this search produced.');
  }
}
