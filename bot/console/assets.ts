import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** web/console: the page's TypeScript, CSS and HTML, bundled by esbuild when Parley starts. */
export const CONSOLE_SOURCE_DIR = fileURLToPath(new URL('../../web/console/', import.meta.url));

export interface ConsoleAsset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  etag: string;
}

export type ConsoleAssets = ReadonlyMap<string, ConsoleAsset>;

function asset(body: Buffer, type: string): ConsoleAsset {
  return { body, gzip: gzipSync(body), type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/**
 * Bundles the console page in memory (no generated file in the repository, nothing fetched from a
 * CDN): app.js and sign-in.js from TypeScript, console.css, and the two HTML pages. Takes well under
 * a second; a syntax error in the page fails start-up with esbuild's message.
 */
export async function buildConsoleAssets(sourceDir: string = CONSOLE_SOURCE_DIR): Promise<ConsoleAssets> {
  const result = await build({
    entryPoints: {
      app: path.join(sourceDir, 'app.ts'),
      'sign-in': path.join(sourceDir, 'sign-in.ts'),
      console: path.join(sourceDir, 'console.css'),
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    minify: true,
    legalComments: 'none',
    outdir: '/console-assets',
    logLevel: 'silent',
  });
  const assets = new Map<string, ConsoleAsset>();
  for (const file of result.outputFiles) {
    const name = path.basename(file.path);
    assets.set(name, asset(Buffer.from(file.contents), name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8'));
  }
  for (const page of ['index.html', 'sign-in.html']) {
    assets.set(page, asset(fs.readFileSync(path.join(sourceDir, page)), 'text/html; charset=utf-8'));
  }
  return assets;
}
