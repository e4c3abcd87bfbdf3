import usFederal from './packs/us-federal.json' with { type: 'json' };
import usMa from './packs/us-ma.json' with { type: 'json' };
import usWa from './packs/us-wa.json' with { type: 'json' };
import usCa from './packs/us-ca.json' with { type: 'json' };
import usNyc from './packs/us-nyc.json' with { type: 'json' };
import gb from './packs/gb.json' with { type: 'json' };
import { loadPack } from './validate.js';
import type { RulePack } from './schema.js';

/**
 * Every pack Parley ships, validated once when the module loads: a broken pack stops the process at
 * start-up instead of surfacing in the middle of a decision. Order matters only for the combined
 * version string (country first, then state, then city).
 */
export const RULE_PACKS: readonly RulePack[] = [
  loadPack(usFederal, 'packs/us-federal.json'),
  loadPack(usMa, 'packs/us-ma.json'),
  loadPack(usWa, 'packs/us-wa.json'),
  loadPack(usCa, 'packs/us-ca.json'),
  loadPack(usNyc, 'packs/us-nyc.json'),
  loadPack(gb, 'packs/gb.json'),
];
