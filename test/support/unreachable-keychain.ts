/** Run by secret-store.test.ts in a process whose D-Bus session does not exist. */
import keytar from 'keytar';
import { AppError } from '../../src/main/errors';
import { KeytarSecretStore } from '../../src/main/vault/secret-store';

const statuses: boolean[] = [];
const store = new KeytarSecretStore({ keytar, service: 'Tessera-unreachable', timeoutMs: 10_000, onStatus: (ok) => statuses.push(ok) });
const codes: string[] = [];
const messages: string[] = [];
for (const op of [
  () => store.set('account/saasus/x/id-token', 'super-secret-value'),
  () => store.get('account/saasus/x/id-token'),
  () => store.list(),
  () => store.delete('account/saasus/x/id-token'),
]) {
  try {
    await op();
    codes.push('no error');
  } catch (error) {
    codes.push(error instanceof AppError ? error.code : 'untyped');
    messages.push(error instanceof Error ? error.message : String(error));
  }
}
process.stdout.write(JSON.stringify({ codes, statuses, messages }));
