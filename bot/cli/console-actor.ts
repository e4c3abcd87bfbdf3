import os from 'node:os';
import type { ConsoleActor } from '../../adapters/index.js';

/** Who ran a console action from the command line: the operating-system user, for the access record. */
export function cliActor(): ConsoleActor {
  let name = process.env.USER ?? process.env.USERNAME ?? '';
  if (!name) {
    try {
      name = os.userInfo().username;
    } catch {
      name = 'unknown';
    }
  }
  return { id: `cli:${name}`, name, role: 'cli' };
}
