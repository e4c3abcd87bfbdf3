import type { Address } from './account.js';

/**
 * New York City by ZIP prefix (USPS sectional centres for Manhattan, Staten Island, the Bronx,
 * Brooklyn and Queens). 110xx and 115xx are mostly Nassau County, so only the two Queens ZIPs of
 * 110 are listed whole.
 */
const NYC_ZIP_PREFIXES = ['100', '101', '102', '103', '104', '111', '112', '113', '114', '116'];
const NYC_WHOLE_ZIPS = new Set(['11004', '11005']);

export function isNewYorkCityZip(postalCode: string): boolean {
  const zip = postalCode.trim().slice(0, 5);
  return NYC_WHOLE_ZIPS.has(zip) || NYC_ZIP_PREFIXES.some((prefix) => zip.startsWith(prefix));
}

/**
 * The jurisdictions whose rules apply to an account, most general first: ["US", "US-NY", "US-NY-NYC"].
 * An explicit jurisdiction in the import wins over the address.
 */
export function resolveJurisdictions(address: Address, explicit?: string): string[] {
  if (explicit) {
    const parts = explicit.split('-');
    return parts.map((_, index) => parts.slice(0, index + 1).join('-'));
  }
  const country = address.country === 'PR' ? 'US' : address.country;
  if (country === 'GB') return ['GB'];
  if (country !== 'US') return [country];
  const region = (address.country === 'PR' ? 'PR' : address.region ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(region)) return ['US'];
  const jurisdictions = ['US', `US-${region}`];
  if (region === 'NY' && isNewYorkCityZip(address.postalCode)) jurisdictions.push('US-NY-NYC');
  return jurisdictions;
}
