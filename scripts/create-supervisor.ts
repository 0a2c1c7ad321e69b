import readline from 'node:readline';

import { configFromProcess } from '../src/config';
import { openStore } from '../src/store';
import { StaffAccounts } from '../src/web/session/staff-accounts';

/**
 * Creates the first supervisor, who then creates the other accounts on
 * /supervisor/users. Reads the desk's config like the web process does.
 *
 *   node dist/scripts/create-supervisor.js <username> [password]
 *   echo "$PASSWORD" | node dist/scripts/create-supervisor.js <username>
 *
 * Without a password argument it is read from standard input (one line), so
 * it stays out of the shell history and the process list.
 */
class UsageError extends Error {
  readonly code = 'USAGE';
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (input is shown): ');

  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line.replace(/\r$/, '');
  }
  throw new UsageError('no password given on standard input');
}

async function main(): Promise<void> {
  const [username, passwordArg] = process.argv.slice(2);
  if (!username) {
    throw new UsageError(
      'usage: create-supervisor <username> [password]  (or the password on stdin)',
    );
  }

  const password = passwordArg ?? (await readPassword());
  const config = configFromProcess();
  const store = await openStore(config.mongodbUri);

  try {
    const accounts = new StaffAccounts(store, () => new Date());
    const user = await accounts.create({ username, role: 'supervisor', password }, 'cli');
    process.stdout.write(`supervisor ${user.username} created\n`);
  } finally {
    await store.close();
  }
}

main().catch((err: Error & { code?: string }) => {
  process.stderr.write(`create-supervisor: ${err.code ? `${err.code}: ` : ''}${err.message}\n`);
  process.exit(1);
});
