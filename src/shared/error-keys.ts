/**
 * Every key an AppError may name (src/shared/errors.ts, ErrorKey), read from the English catalogue:
 * what parseErrorInfo accepts where a frame from elsewhere is read (the command reading the agent,
 * src/shared/agent-protocol.ts). Not imported by the window, which checks keys against the words it
 * has loaded.
 */
import { errors as englishErrors } from './i18n/catalogue/en/errors';

function leafKeys(node: object, prefix: string): string[] {
  return Object.entries(node).flatMap(([k, value]) => (value !== null && typeof value === 'object' ? leafKeys(value as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

export const ERROR_KEYS: ReadonlySet<string> = new Set(leafKeys(englishErrors, '').filter((k) => !k.startsWith('code.')));

export const isErrorKey = (key: string): boolean => ERROR_KEYS.has(key);
