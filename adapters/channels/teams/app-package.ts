// The Teams app package: manifest.json from the template, and the two icons, zipped at the root.
import { strToU8, zipSync } from 'fflate';
import { pngSize } from './icons.js';

export interface TeamsAppSettings {
  /** MicrosoftAppId: the Azure bot's app id, used as the Teams app id and the bot id. */
  appId: string;
  /** The public https base URL of the service (PARLEY_PUBLIC_URL). */
  publicUrl: string;
  companyName: string;
  /** The app's version, x.y.z; Teams wants it raised for every update. */
  version: string;
  privacyUrl?: string;
  termsUrl?: string;
}

export interface TeamsAppFiles {
  template: string;
  colorIcon: Uint8Array;
  outlineIcon: Uint8Array;
}

/** A setting or file that cannot make a valid package; the message says which and how to fix it. */
export class TeamsPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Zip entries get a fixed date so the same inputs give the same bytes.
const FIXED_MTIME = new Date('2025-01-01T00:00:00Z');

function httpsUrl(value: string | undefined, name: string, problems: string[]): URL | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:') problems.push(`${name} must be an https URL (Teams refuses others), got ${url.protocol}`);
    return url;
  } catch {
    problems.push(`${name} must be a URL such as https://parley.example.com`);
    return undefined;
  }
}

/** The manifest with every {{placeholder}} filled, checked against the limits Teams enforces. */
export function renderManifest(template: string, settings: TeamsAppSettings): Record<string, unknown> {
  const problems: string[] = [];
  if (!GUID.test(settings.appId)) problems.push('MicrosoftAppId must be the Azure bot registration GUID, such as 00000000-0000-0000-0000-000000000000');
  if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(settings.version)) problems.push(`the version must look like 1.0.0, got "${settings.version}"`);
  if (settings.companyName.trim() === '' || settings.companyName.length > 32) problems.push('the company name (PARLEY_COMPANY_NAME) must be 1 to 32 characters for Teams');
  const base = httpsUrl(settings.publicUrl, 'PARLEY_PUBLIC_URL', problems);
  httpsUrl(settings.privacyUrl, 'the privacy URL', problems);
  httpsUrl(settings.termsUrl, 'the terms-of-use URL', problems);
  if (problems.length > 0 || !base) throw new TeamsPackageError(problems);

  const root = base.href.replace(/\/+$/, '');
  const values: Record<string, string> = {
    MicrosoftAppId: settings.appId.toLowerCase(),
    version: settings.version,
    companyName: settings.companyName.trim(),
    publicUrl: `${root}/`,
    publicHost: base.host,
    privacyUrl: settings.privacyUrl ?? `${root}/privacy`,
    termsUrl: settings.termsUrl ?? `${root}/terms`,
  };
  const filled = template.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) {
      problems.push(`the template names an unknown placeholder ${placeholder}`);
      return placeholder;
    }
    // Values land inside JSON strings: escape them as JSON would.
    return JSON.stringify(value).slice(1, -1);
  });
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(filled) as Record<string, unknown>;
  } catch (error) {
    throw new TeamsPackageError([`the manifest template is not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const name = manifest.name as { short?: string; full?: string } | undefined;
  const description = manifest.description as { short?: string; full?: string } | undefined;
  if ((name?.short?.length ?? 0) > 30) problems.push('name.short is longer than 30 characters');
  if ((name?.full?.length ?? 0) > 100) problems.push('name.full is longer than 100 characters');
  if ((description?.short?.length ?? 0) > 80) problems.push('description.short is longer than 80 characters');
  if ((description?.full?.length ?? 0) > 4000) problems.push('description.full is longer than 4,000 characters');
  if (problems.length > 0) throw new TeamsPackageError(problems);
  return manifest;
}

/** The zip Teams accepts as an app upload: manifest.json, color.png (192×192), outline.png (32×32). */
export function buildTeamsAppPackage(files: TeamsAppFiles, settings: TeamsAppSettings): Uint8Array {
  const manifest = renderManifest(files.template, settings);
  const problems: string[] = [];
  const color = pngSize(files.colorIcon);
  const outline = pngSize(files.outlineIcon);
  if (color?.width !== 192 || color.height !== 192) problems.push('teams/color.png must be a 192×192 PNG');
  if (outline?.width !== 32 || outline.height !== 32) problems.push('teams/outline.png must be a 32×32 PNG');
  if (problems.length > 0) throw new TeamsPackageError(problems);
  return zipSync(
    {
      'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
      'color.png': files.colorIcon,
      'outline.png': files.outlineIcon,
    },
    { level: 9, mtime: FIXED_MTIME },
  );
}
