/**
 * A provider's view of its accounts: the record of one of its accounts (refusing another
 * provider's), and the provider-owned part of the metadata (`record.data`) parsed with the
 * provider's schema. Data that does not parse (a recovered account, an older shape) reads as
 * missing, and the account needs a new login.
 *
 * Also what both providers do with a broken seal (src/main/vault/bindings.ts): an account whose
 * secrets must not be sent reads "needs login" with why, once; it comes back by itself when the
 * seal is whole again (the file restored, the secret entered again).
 */
import * as v from 'valibot';
import { PROVIDER_NAMES, type ProviderId } from '../../shared/types';
import type { ErrorWords } from '../../shared/errors';
import { AppError } from '../errors';
import type { AccountRecord } from '../vault/metadata-schema';
import { statusReasonOf, type AccountsService, type StatusChange } from './accounts-service';

/** Why an account's secrets must not be sent now: in English, and the catalogue words the window and notifications show. */
export type SealProblem = { readonly code: 'changed_outside' | 'needs_login'; readonly message: string } & ErrorWords;

export interface ProviderRecords<T> {
  record(accountId: string): AccountRecord;
  data(record: AccountRecord): T | undefined;
  requireData(record: AccountRecord): T;
  /** Every account of this provider whose data parses, with it. */
  withData(): { readonly record: AccountRecord; readonly data: T }[];
  /**
   * The status changes a review makes: an account with a problem not marked so yet reads "needs
   * login" with it; one marked with a message of `ownMessages` whose problem is gone is "ok" again.
   * Accounts `only` does not select are left alone. Reads no secret.
   */
  review(problemOf: (record: AccountRecord, data: T) => SealProblem | null, ownMessages: ReadonlySet<string>, only?: (data: T) => boolean): StatusChange[];
  /**
   * The account and its data, read now (after bindings.ready(), so that the record is the one the
   * upgrade step sealed), once `problemOf` finds nothing wrong. Otherwise the account is marked
   * with the problem (unless it already says so) and the problem is thrown: nothing is sent.
   */
  checked(accountId: string, problemOf: (record: AccountRecord, data: T) => SealProblem | null): { readonly record: AccountRecord; readonly data: T };
}

export function providerRecords<S extends v.GenericSchema>(accounts: AccountsService, provider: ProviderId, schema: S): ProviderRecords<v.InferOutput<S>> {
  type T = v.InferOutput<S>;
  const data = (record: AccountRecord): T | undefined => {
    if (record.provider !== provider) return undefined;
    const parsed = v.safeParse(schema, record.data);
    return parsed.success ? parsed.output : undefined;
  };
  const withData = (): { record: AccountRecord; data: T }[] =>
    accounts.records().flatMap((record) => {
      const found = data(record);
      return found === undefined ? [] : [{ record, data: found }];
    });
  const marked = (record: AccountRecord, message: string): boolean => record.status === 'needs-login' && record.statusMessage === message;
  const ownRecord = (accountId: string): AccountRecord => {
    const record = accounts.record(accountId);
    if (record.provider !== provider) throw new AppError('invalid_input', `This is not a ${PROVIDER_NAMES[provider]} account.`, { key: 'account.notProvider', params: { provider: PROVIDER_NAMES[provider] } });
    return record;
  };
  const requireData = (record: AccountRecord): T => {
    const found = data(record);
    if (found === undefined) throw new AppError('needs_login', 'Tessera lost the details of this account: log in again.', { key: 'account.lostDetails' });
    return found;
  };
  const refuse = (record: AccountRecord, problem: SealProblem): never => {
    if (!marked(record, problem.message)) accounts.setStatus(record.id, 'needs-login', problem);
    throw new AppError(problem.code, problem.message, problem);
  };
  return {
    record: ownRecord,
    data,
    requireData,
    withData,
    review: (problemOf, ownMessages, only = () => true) =>
      withData().flatMap(({ record, data: d }): StatusChange[] => {
        if (!only(d)) return [];
        const problem = problemOf(record, d);
        if (problem) return marked(record, problem.message) ? [] : [{ id: record.id, status: 'needs-login', message: problem.message, reason: statusReasonOf(problem) }];
        return record.status === 'needs-login' && ownMessages.has(record.statusMessage ?? '') ? [{ id: record.id, status: 'ok', message: null, reason: null }] : [];
      }),
    checked: (accountId, problemOf) => {
      const record = ownRecord(accountId);
      const found = requireData(record);
      const problem = problemOf(record, found);
      if (problem) refuse(record, problem);
      return { record, data: found };
    },
  };
}
