/**
 * Payloads are normalized to what survives a jsonb round trip (no undefined, no NUL, no lone UTF-16
 * surrogates, no non-finite numbers, dates as ISO strings) before they are hashed and stored, so the
 * hash computed at append time equals the one recomputed from the row later.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function cleanString(value: string): string {
  // jsonb refuses \u0000 and unpaired surrogates; text typed by a consumer may hold either.
  return value.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}

function normalize(value: unknown): JsonValue | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
      return cleanString(value);
    case 'number':
      return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (Array.isArray(value)) return value.map((item) => normalize(item) ?? null);
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return normalize(withToJson.toJSON());
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const normalized = normalize(item);
    if (normalized !== undefined) out[cleanString(key)] = normalized;
  }
  return out;
}

export function normalizeJsonObject(value: Record<string, unknown>): { [key: string]: JsonValue } {
  return normalize(value) as { [key: string]: JsonValue };
}

/** JSON with object keys in code-unit order at every depth: the same value always gives the same text. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
}
