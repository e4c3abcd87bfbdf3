// Driving the `parley` CLI from tests: in-process through runCli, or as a real child process.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { vi } from 'vitest';
import { runCli } from '../../bot/cli/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Runs `parley <args>` in this process (reads process.env), capturing what it prints. */
export async function runParley(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(['node', 'parley', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Runs `node bin/parley.mjs <args>` as a child process with extra environment variables. */
export function spawnParley(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/parley.mjs', ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
