/**
 * An agent's question (ApprovalFacts, src/shared/types.ts) in words of one language, a line each:
 * the window's dialog (ApprovalDialog.tsx) and the notification of a hidden window say the same.
 * The names in the facts are printable already (main made them so); nothing here is a secret.
 */
import { PROVIDER_NAMES, type ApprovalFacts } from '../types';
import { CREDENTIAL_KIND_KEYS } from './credential-kinds';
import { formatters } from './format';
import type { Locale } from './locales';
import { createTranslate } from './translate';

export function approvalLines(facts: ApprovalFacts, locale: Locale): string[] {
  const t = createTranslate(locale);
  const fmt = formatters(locale);
  const { caller, ask } = facts;
  const callerLines = [
    `${t('agent.program', { program: caller.program, pid: String(caller.pid) })}${caller.exe ? ` · ${caller.exe}` : ''}`,
    ...(caller.cwd ? [t('agent.inDirectory', { dir: caller.cwd })] : []),
    ...(caller.commandLine ? [t('agent.running', { command: caller.commandLine })] : []),
    ...(caller.verified ? [] : [t('agent.unverified')]),
  ];
  const accounts = facts.accounts.map((a) => t('agent.account', { name: a.name, subtitle: a.subtitle, provider: PROVIDER_NAMES[a.provider] }));
  if (ask.kind === 'grant') {
    const scope = ask.cwd === null ? t('agent.grantAnyProgram') : t('agent.grantProgramsIn', { dir: ask.cwd });
    return [t('agent.grantAsk', { duration: fmt.duration(ask.forMs), scope }), ...accounts, t('agent.grantNote'), t('agent.askedBy'), ...callerLines];
  }
  const what = ask.credential === 'environment' ? t('agent.asksEnvironment') : t('agent.asksCredential', { kind: t(CREDENTIAL_KIND_KEYS[ask.credential]) });
  return [...callerLines, what, ...accounts, ...(ask.session ? [t('agent.sessionNote', { tty: ask.session.tty, idle: fmt.duration(ask.session.idleMs) })] : [])];
}
