import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ManifestUtil } from '@microsoft/app-manifest';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { TeamsPackageError, buildTeamsAppPackage, renderManifest } from './app-package.js';
import { colorIcon, outlineIcon, pngSize } from './icons.js';

const root = path.resolve(import.meta.dirname, '../../..');
const template = readFileSync(path.join(root, 'teams/manifest.template.json'), 'utf8');
const settings = { appId: '6F1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D', publicUrl: 'https://collect.example.com/', companyName: 'Northwind Recovery Services', version: '1.2.0' };
const files = () => ({ template, colorIcon: readFileSync(path.join(root, 'teams/color.png')), outlineIcon: readFileSync(path.join(root, 'teams/outline.png')) });

/** Microsoft's published v1.17 schema, shipped inside @microsoft/app-manifest (no network). */
function teamsSchema(version: string): object {
  const entry = createRequire(import.meta.url).resolve('@microsoft/app-manifest');
  return JSON.parse(readFileSync(path.join(path.dirname(entry), `json-schemas/teams/v${version}/MicrosoftTeams.schema.json`), 'utf8')) as object;
}

describe('the Teams app package', () => {
  it('holds manifest.json, a 192×192 color icon and a 32×32 outline icon at the root of the zip', () => {
    const entries = unzipSync(buildTeamsAppPackage(files(), settings));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(pngSize(entries['color.png'] ?? new Uint8Array())).toEqual({ width: 192, height: 192 });
    expect(pngSize(entries['outline.png'] ?? new Uint8Array())).toEqual({ width: 32, height: 32 });
  });

  it('makes a manifest that passes Microsoft’s 1.17 schema, a personal-scope bot whose id is MicrosoftAppId', async () => {
    const entries = unzipSync(buildTeamsAppPackage(files(), settings));
    const manifest = JSON.parse(strFromU8(entries['manifest.json'] ?? new Uint8Array())) as {
      manifestVersion: string;
      id: string;
      version: string;
      bots: Array<{ botId: string; scopes: string[] }>;
      validDomains: string[];
      developer: { websiteUrl: string; privacyUrl: string };
    };
    expect(await ManifestUtil.validateManifestAgainstSchema(manifest as never, teamsSchema(manifest.manifestVersion) as never)).toEqual([]);
    expect(manifest.id).toBe(settings.appId.toLowerCase());
    expect(manifest.bots).toEqual([expect.objectContaining({ botId: settings.appId.toLowerCase(), scopes: ['personal'] })]);
    expect(manifest.version).toBe('1.2.0');
    expect(manifest.validDomains).toEqual(['collect.example.com']);
    expect(manifest.developer).toMatchObject({ websiteUrl: 'https://collect.example.com/', privacyUrl: 'https://collect.example.com/privacy' });
  });

  it('refuses settings Teams would refuse, naming each problem', () => {
    const attempt = () => renderManifest(template, { ...settings, appId: 'parley-bot', publicUrl: 'http://localhost:3978', version: 'v1' });
    expect(attempt).toThrow(TeamsPackageError);
    expect(attempt).toThrow(/MicrosoftAppId must be the Azure bot registration GUID/);
    expect(attempt).toThrow(/PARLEY_PUBLIC_URL must be an https URL/);
    expect(attempt).toThrow(/version must look like 1\.0\.0/);
    expect(() => buildTeamsAppPackage({ ...files(), outlineIcon: colorIcon() }, settings)).toThrow(/outline\.png must be a 32×32 PNG/);
  });

  it('escapes a company name that would break the JSON', () => {
    const manifest = renderManifest(template, { ...settings, companyName: 'Acme "Quote" Co' }) as { developer: { name: string } };
    expect(manifest.developer.name).toBe('Acme "Quote" Co');
  });

  it('commits the icons the code draws', () => {
    expect(readFileSync(path.join(root, 'teams/color.png')).equals(colorIcon())).toBe(true);
    expect(readFileSync(path.join(root, 'teams/outline.png')).equals(outlineIcon())).toBe(true);
  });

  it('is built by npm run teams:package from the environment, and explains what is missing', async () => {
    const run = promisify(execFile);
    const out = mkdtempSync(path.join(os.tmpdir(), 'parley-teams-'));
    const cli = path.join(root, 'adapters/channels/teams/package-cli.ts');
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    try {
      const zip = path.join(out, 'app.zip');
      const env = { ...process.env, MicrosoftAppId: settings.appId, PARLEY_PUBLIC_URL: settings.publicUrl };
      const { stdout } = await run(tsx, [cli, '--out', zip], { env, cwd: root });
      expect(stdout).toContain('Upload an app');
      expect(Object.keys(unzipSync(readFileSync(zip))).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

      const { MicrosoftAppId: _id, ...without } = env;
      const failure = await run(tsx, [cli, '--out', zip], { env: without, cwd: root }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toContain('set MicrosoftAppId (or --app-id)');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
