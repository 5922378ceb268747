/**
 * The loopback address Tessera listens on for a SaaS's login callback, for main (which listens
 * there: src/main/providers/saasus/login.ts) and for the window (which shows it, to be registered
 * in the SaaSus console, before the connection is even saved).
 */
export const SAASUS_CALLBACK_PATH = '/callback';

export function saasusCallbackUrl(port: number): string {
  return `http://127.0.0.1:${port}${SAASUS_CALLBACK_PATH}`;
}
