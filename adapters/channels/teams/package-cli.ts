// npm run teams:package: writes dist/parley-teams.zip for upload to Teams (or the Teams admin center).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TeamsPackageError, buildTeamsAppPackage } from './app-package.js';
import { colorIcon, outlineIcon } from './icons.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const USAGE = `Usage: npm run teams:package -- [options]

Builds the Teams app package (manifest.json, color.png, outline.png) from teams/.

Options (each defaults to the environment variable named):
  --app-id <guid>        MicrosoftAppId, the Azure bot registration
  --public-url <url>     PARLEY_PUBLIC_URL, https, where /api/messages is served
  --company <name>       PARLEY_COMPANY_NAME (default: Northwind Recovery Services)
  --app-version <x.y.z>  the app version (default: package.json's version); raise it for every update
  --privacy-url <url>    default: <public url>/privacy
  --terms-url <url>      default: <public url>/terms
  --out <file>           default: dist/parley-teams.zip
  --icons                redraw teams/color.png and teams/outline.png first
  --help
`;

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      'app-id': { type: 'string' },
      'public-url': { type: 'string' },
      company: { type: 'string' },
      'app-version': { type: 'string' },
      'privacy-url': { type: 'string' },
      'terms-url': { type: 'string' },
      out: { type: 'string' },
      icons: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const colorPath = path.join(root, 'teams', 'color.png');
  const outlinePath = path.join(root, 'teams', 'outline.png');
  if (values.icons) {
    writeFileSync(colorPath, colorIcon());
    writeFileSync(outlinePath, outlineIcon());
    process.stdout.write(`Drew ${path.relative(root, colorPath)} and ${path.relative(root, outlinePath)}\n`);
  }
  const packageVersion = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const appId = values['app-id'] ?? process.env.MicrosoftAppId?.trim();
  const publicUrl = values['public-url'] ?? process.env.PARLEY_PUBLIC_URL?.trim();
  const missing = [!appId && 'MicrosoftAppId (or --app-id)', !publicUrl && 'PARLEY_PUBLIC_URL (or --public-url)'].filter(Boolean);
  if (!appId || !publicUrl) {
    process.stderr.write(`Cannot build the Teams app package: set ${missing.join(' and ')}.\n\n${USAGE}`);
    return 2;
  }
  const out = path.resolve(root, values.out ?? 'dist/parley-teams.zip');
  const zip = buildTeamsAppPackage(
    {
      template: readFileSync(path.join(root, 'teams', 'manifest.template.json'), 'utf8'),
      colorIcon: readFileSync(colorPath),
      outlineIcon: readFileSync(outlinePath),
    },
    {
      appId,
      publicUrl,
      companyName: values.company ?? process.env.PARLEY_COMPANY_NAME?.trim() ?? 'Northwind Recovery Services',
      version: values['app-version'] ?? packageVersion,
      ...(values['privacy-url'] ? { privacyUrl: values['privacy-url'] } : {}),
      ...(values['terms-url'] ? { termsUrl: values['terms-url'] } : {}),
    },
  );
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, zip);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), out)} (${zip.length} bytes): upload it in Teams > Apps > Manage your apps > Upload an app.\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof TeamsPackageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
