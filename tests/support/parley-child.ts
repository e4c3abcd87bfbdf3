// The real service in a child process (`parley serve --json`), for tests that kill it or take its stores away.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface ParleyChild {
  child: ChildProcess;
  url: string;
  exited: Promise<unknown>;
  /** SIGKILL: no shutdown, no flush, as in a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

export async function startParleyChild(env: NodeJS.ProcessEnv): Promise<ParleyChild> {
  const child = spawn(process.execPath, ['bin/parley.mjs', 'serve', '--json'], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', PARLEY_DEMO: 'false', PARLEY_LLM: 'off', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: string };
        if (parsed.url) resolve(parsed.url);
      } catch {
        // not the ready line
      }
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { child, url, exited, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}
