/**
 * The agent's AccountIntake over the app's services (src/main/app-services.ts): the same entry
 * points as the window's IPC handlers (src/main/ipc/handlers/clever-cloud.ts and saasus.ts), so an
 * account added from the command line is checked and saved exactly as one added in the window.
 *
 * A login runs in the services' LoginRegistry under an id of its own; its "browser" prints the
 * address on the command that asked (login-browser.ts), its progress events become notices on that
 * command, and it is cancelled (the registry's AbortSignal, which every step honours) when the
 * command goes away or when it has waited `timeoutMs`: then it fails with `timeout`, and nothing
 * was saved.
 */
import { randomUUID } from 'node:crypto';
import type { AccountRef, ImportAnswer, LoginAnswer } from '../../shared/agent-protocol';
import { createTranslate } from '../../shared/i18n/all-catalogues';
import type { AccountSummary, ImportResult, LoginProgress } from '../../shared/types';
import type { AppServices } from '../app-services';
import { AppError } from '../errors';
import { selectConnection, type AccountIntake } from './account-intake';
import { withLoginBrowser } from './login-browser';

/** Phases worth a line on the command's stderr (the end of a login is the command's own output). */
const SHOWN_PHASES: ReadonlySet<LoginProgress['phase']> = new Set(['waiting', 'exchanging', 'saving']);
/** The command line speaks English (its words for a login's steps come from the catalogue). */
const english = createTranslate('en');

export function appServicesIntake(services: AppServices): AccountIntake {
  const cleverCloud = services.providers.modules['clever-cloud'].entryPoints;
  const saasus = services.providers.modules.saasus.entryPoints;
  return {
    async importCleverTools(p) {
      const result = await cleverCloud.importCleverTools(p.paths, { profile: p.profile });
      const base = answer(result);
      if (!result.plaintext) return base;
      if (!p.removePlaintext) return { ...base, plaintextIn: result.plaintext.path };
      try {
        return { ...base, plaintextRemoved: await cleverCloud.removePlaintext(result.plaintext.importId) };
      } catch (error) {
        const info = error instanceof AppError ? error : new AppError('internal', 'The plaintext tokens could not be removed.');
        return { ...base, plaintextError: { code: info.code, message: info.message }, plaintextIn: result.plaintext.path };
      }
    },
    async importCleverCloudEnv(p) {
      return answer(await cleverCloud.importEnvironment(p.variables, 'the command’s environment'));
    },
    async login(p, channel): Promise<LoginAnswer> {
      const loginId = `cli-${randomUUID()}`;
      let start: () => Promise<AccountSummary>;
      if (p.provider === 'clever-cloud') start = () => cleverCloud.loginWithConsole(loginId);
      else {
        const connection = selectConnection(await saasus.connections.list(), p.connection);
        start = () => saasus.login(loginId, connection.id);
      }
      let shown = '';
      const detach = services.events.attach((event, payload) => {
        const progress = payload as LoginProgress;
        if (event !== 'loginProgress' || progress.loginId !== loginId || !SHOWN_PHASES.has(progress.phase) || progress.step === shown) return;
        shown = progress.step;
        const words = english(`add.step.${progress.step}`);
        channel.notice(progress.phase === 'waiting' ? `${words} (gives up in ${minutes(p.timeoutMs)}; Ctrl-C cancels)` : words);
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        services.logins.cancel(loginId);
      }, p.timeoutMs);
      const cancel = (): void => void services.logins.cancel(loginId);
      channel.signal.addEventListener('abort', cancel);
      try {
        if (channel.signal.aborted) throw new AppError('cancelled', 'The login was cancelled.');
        const account = await withLoginBrowser((url) => channel.notice(`Open this address in your browser to log in: ${url}`), start);
        return { account: ref(account), expiresAt: account.expiresAt };
      } catch (error) {
        if (timedOut) throw new AppError('timeout', `Nobody logged in within ${minutes(p.timeoutMs)}: the login gave up and nothing was saved.`, { cause: error });
        if (channel.signal.aborted) throw new AppError('cancelled', 'The login was cancelled: nothing was saved.', { cause: error });
        throw error;
      } finally {
        clearTimeout(timer);
        channel.signal.removeEventListener('abort', cancel);
        detach();
      }
    },
  };
}

function answer(result: ImportResult): ImportAnswer {
  const base = { imported: result.imported.map(ref), failed: result.failed.map((f) => ({ alias: f.alias, code: f.code, message: f.message })) };
  return result.overrides ? { ...base, overrides: result.overrides.map((o) => ({ alias: o.alias, names: o.names })) } : base;
}

function ref(account: AccountSummary): AccountRef {
  return { id: account.id, provider: account.provider, displayName: account.displayName, subtitle: account.subtitle };
}

function minutes(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}
