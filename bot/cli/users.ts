import type { Command } from 'commander';
import { ConsoleUserError, CONSOLE_ROLES, createConsoleUsers, isConsoleRole, recordConsoleAccess, type ConsoleUser } from '../../adapters/index.js';
import { cliActor } from './console-actor.js';
import { printJson, UsageError } from './exit.js';
import { withRecordsStore } from './open-records.js';

function describe(user: ConsoleUser): string {
  return `${user.name} (${user.role}, ${user.id}${user.disabledAt ? `, disabled ${user.disabledAt.toISOString()}` : ''})`;
}

function usage<T>(work: () => Promise<T>): Promise<T> {
  return work().catch((error: unknown) => {
    if (error instanceof ConsoleUserError) throw new UsageError(error.message);
    throw error;
  });
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('compliance console users: officer (read, unmask, export), supervisor (read, export, hand-offs), admin (all, and users)');

  users
    .command('add')
    .description('create a console user and print their sign-in token, once (only its hash is stored)')
    .requiredOption('--name <name>', 'the person, as the access log will name them')
    .requiredOption('--role <role>', `one of ${CONSOLE_ROLES.join(', ')}`)
    .option('--json', 'print { user, token } as JSON')
    .action(async (options: { name: string; role: string; json?: boolean }) => {
      if (!isConsoleRole(options.role)) throw new UsageError(`--role must be one of ${CONSOLE_ROLES.join(', ')}, not "${options.role}".`);
      const role = options.role;
      const created = await withRecordsStore((store) =>
        usage(async () => {
          const at = new Date();
          const result = await createConsoleUsers(store.sql).add({ name: options.name, role, at, createdBy: cliActor().id });
          await recordConsoleAccess(store.audit, { actor: cliActor(), action: 'user-added', target: { user: result.user.id, name: result.user.name, role }, at });
          return result;
        }),
      );
      if (options.json) {
        printJson({ user: created.user, token: created.token });
        return;
      }
      process.stdout.write(
        `Created ${describe(created.user)}.\nSign-in token, shown this once (give it to them over a safe channel; sign in at /console/sign-in):\n${created.token}\n`,
      );
    });

  users
    .command('list')
    .description('list console users')
    .option('--json', 'print the users as JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await withRecordsStore((store) => createConsoleUsers(store.sql).list());
      if (options.json) {
        printJson({ users: list });
        return;
      }
      process.stdout.write(list.length ? `${list.map(describe).join('\n')}\n` : 'No console users yet: parley users add --name <name> --role officer\n');
    });

  users
    .command('token')
    .description('issue a new sign-in token for a user (the old one stops working and their sessions end)')
    .argument('<user>', 'the user id or name')
    .option('--json', 'print { user, token } as JSON')
    .action(async (who: string, options: { json?: boolean }) => {
      const issued = await withRecordsStore((store) =>
        usage(async () => {
          const at = new Date();
          const result = await createConsoleUsers(store.sql).reissueToken(who, at);
          await recordConsoleAccess(store.audit, { actor: cliActor(), action: 'user-token-reissued', target: { user: result.user.id }, at });
          return result;
        }),
      );
      if (options.json) printJson({ user: issued.user, token: issued.token });
      else process.stdout.write(`New sign-in token for ${describe(issued.user)}, shown this once:\n${issued.token}\n`);
    });

  users
    .command('disable')
    .description('disable a user: their token and sessions stop working at once')
    .argument('<user>', 'the user id or name')
    .option('--json', 'print the user as JSON')
    .action(async (who: string, options: { json?: boolean }) => {
      const user = await withRecordsStore((store) =>
        usage(async () => {
          const at = new Date();
          const disabled = await createConsoleUsers(store.sql).disable(who, at);
          await recordConsoleAccess(store.audit, { actor: cliActor(), action: 'user-disabled', target: { user: disabled.id }, at });
          return disabled;
        }),
      );
      if (options.json) printJson({ user });
      else process.stdout.write(`Disabled ${describe(user)}.\n`);
    });
}
