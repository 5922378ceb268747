/**
 * The two forms "Copy" offers for an API token: the `Authorization` header value a program sends to
 * the bridge (`Bearer <token>`), and the `CC_API_TOKEN=<token>` line clever-tools prints after
 * `clever tokens create`. Pure; the value is a secret, the label is not.
 */
import type { ApiTokenCopyForm } from '../../../../shared/clever-api-tokens';

export function apiTokenCopy(value: string, form: ApiTokenCopyForm): { readonly text: string; readonly label: string } {
  return form === 'bearer-header' ? { text: `Bearer ${value}`, label: 'API token (Authorization header)' } : { text: `CC_API_TOKEN=${value}`, label: 'CC_API_TOKEN line' };
}
