import fs from 'node:fs';
import { parse } from 'yaml';
import { parsePacingConfig, pacingConfigSchema, type PacingConfig } from '../../guardrails/index.js';

/** A pacing file that cannot be used: the message names the file and every problem in it. */
export class PacingFileError extends Error {}

/**
 * Reads a pacing policy file (YAML or JSON: YAML reads both). No file: the built-in defaults.
 * Example:
 *   default: { hardship: { maxMessages: 1, periodDays: 21 } }
 *   portfolios:
 *     - { name: acme, match: { creditor: "Acme Bank" }, policy: { standard: { maxMessages: 2, periodDays: 7 } } }
 */
export function loadPacingFile(file: string | undefined): PacingConfig {
  if (!file) return pacingConfigSchema.parse({});
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new PacingFileError(`cannot read the pacing file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new PacingFileError(`the pacing file ${file} is not valid YAML or JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const parsed = parsePacingConfig(value);
  if (!parsed.ok) throw new PacingFileError(`the pacing file ${file} is not a valid pacing policy:\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}`);
  return parsed.config;
}
