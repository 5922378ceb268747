/**
 * A provider's view of its accounts: the record of one of its accounts (refusing another
 * provider's), and the provider-owned part of the metadata (`record.data`) parsed with the
 * provider's schema. Data that does not parse (a recovered account, an older shape) reads as
 * missing, and the account needs a new login.
 */
import * as v from 'valibot';
import { PROVIDER_NAMES, type ProviderId } from '../../shared/types';
import { AppError } from '../errors';
import type { AccountRecord } from '../vault/metadata-schema';
import type { AccountsService } from './accounts-service';

export interface ProviderRecords<T> {
  record(accountId: string): AccountRecord;
  data(record: AccountRecord): T | undefined;
  requireData(record: AccountRecord): T;
}

export function providerRecords<S extends v.GenericSchema>(accounts: AccountsService, provider: ProviderId, schema: S): ProviderRecords<v.InferOutput<S>> {
  const data = (record: AccountRecord): v.InferOutput<S> | undefined => {
    if (record.provider !== provider) return undefined;
    const parsed = v.safeParse(schema, record.data);
    return parsed.success ? parsed.output : undefined;
  };
  return {
    record: (accountId) => {
      const record = accounts.record(accountId);
      if (record.provider !== provider) throw new AppError('invalid_input', `This is not a ${PROVIDER_NAMES[provider]} account.`);
      return record;
    },
    data,
    requireData: (record) => {
      const found = data(record);
      if (found === undefined) throw new AppError('needs_login', 'Tessera lost the details of this account: log in again.');
      return found;
    },
  };
}
