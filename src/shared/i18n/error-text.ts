/**
 * The words for an error, in one language: the message of its key with its parameters when it
 * names one (and that key and those parameters pass parseErrorInfo), else the generic message of
 * its code. The English `message` an AppError carries is for logs and the command line; what a
 * person reads in the window or a notification comes from here. Used by the window
 * (src/renderer/src/error-text.ts) and by main's notifications.
 */
import { parseErrorInfo, type ErrorInfo } from '../errors';
import { flatCatalogue } from './translate';
import type { Locale } from './locales';

type Message = string | ((params: Record<string, string | number>) => string);

export function errorText(locale: Locale, error: ErrorInfo): string {
  const dict = flatCatalogue(locale) as unknown as Readonly<Record<string, Message | undefined>>;
  const checked = parseErrorInfo(error, (key) => dict[`errors.${key}`] !== undefined);
  if (checked?.key !== undefined) {
    const message = dict[`errors.${checked.key}`];
    if (typeof message === 'string') return message;
    // A message that takes parameters is shown only with them; otherwise the code's words.
    if (typeof message === 'function' && checked.params !== undefined) return message(checked.params);
  }
  const generic = dict[`errors.code.${error.code}`];
  return typeof generic === 'string' ? generic : (dict['errors.code.internal'] as string);
}
