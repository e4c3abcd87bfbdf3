import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

/** The files of an export directory as one zip (the console's download); the PDF is already compressed. */
export function zipDirectory(dir: string, folder: string): Buffer {
  const entries: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    entries[`${folder}/${name}`] = [new Uint8Array(fs.readFileSync(path.join(dir, name))), { level: name.endsWith('.pdf') ? 0 : 6 }];
  }
  return Buffer.from(zipSync(entries));
}
