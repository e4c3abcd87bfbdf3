import fs from 'node:fs';

/**
 * PGlite is a whole PostgreSQL inside this process: two processes opening the same directory would
 * corrupt it. A lock file beside the data names the holder (pid and, on Linux, its start time, so a
 * pid reused after a crash is not mistaken for the holder).
 */
interface LockHolder {
  pid: number;
  started?: string;
}

function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime) counted after the parenthesised command name, which may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  // Our own pid but not held here: a previous process with the same pid (a restarted container).
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (holder.started === undefined) return true;
  const started = processStart(holder.pid);
  return started === undefined || started === holder.started;
}

const heldHere = new Map<string, number>();

export class EmbeddedDatabaseInUseError extends Error {}

/** Takes the lock or throws naming the process that holds it; returns the release function. */
export function acquireEmbeddedLock(lockPath: string, what: string): () => void {
  if (heldHere.has(lockPath)) {
    throw new EmbeddedDatabaseInUseError(`The embedded database ${what} is already open in this process; close it first.`);
  }
  const mine: LockHolder = { pid: process.pid, started: processStart(process.pid) };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(mine), { flag: 'wx' });
      heldHere.set(lockPath, process.pid);
      return () => {
        heldHere.delete(lockPath);
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: LockHolder | undefined;
    try {
      holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockHolder;
    } catch {
      holder = undefined;
    }
    if (holder && typeof holder.pid === 'number' && isAlive(holder)) {
      throw new EmbeddedDatabaseInUseError(
        `The embedded database ${what} is in use by process ${holder.pid} (a running "parley serve"?). ` +
          `Stop it first, or set DATABASE_URL to share records between processes through PostgreSQL. ` +
          `If no Parley process is running, delete ${lockPath}.`,
      );
    }
    // The holder is gone (killed or crashed): take the lock over.
    fs.rmSync(lockPath, { force: true });
  }
  throw new EmbeddedDatabaseInUseError(`Could not take the lock ${lockPath} for the embedded database ${what}.`);
}
