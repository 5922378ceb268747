/**
 * The loopback address Tessera listens on for a SaaS's login callback, for main (which listens
 * there: src/main/providers/saasus/login.ts) and for the window (which shows it, to be registered
 * in the SaaSus console, before the connection is even saved).
 */
export const SAASUS_CALLBACK_PATH = '/callback';

export function saasusCallbackUrl(port: number): string {
  return `http://127.0.0.1:${port}${SAASUS_CALLBACK_PATH}`;
}

/**
 * The loopback ports Tessera listens on for a login callback when the user chose none: a SaaS's
 * (SaasusConnectionForm, connections.ts) and a user's own Clever Cloud consumer's (ConsumerForm,
 * consumers.ts). Both lie below 32768, outside every system's range of ephemeral ports (Linux
 * 32768-60999, Windows and macOS 49152-65535), from which the system picks the local port of each
 * outgoing connection: a port in that range is now and then held by one of them, and a login
 * listening there fails with "port in use". Saved connections and consumers keep the port they have.
 */
export const SAASUS_DEFAULT_CALLBACK_PORT = 28873;
export const CLEVER_CLOUD_DEFAULT_CALLBACK_PORT = 28874;
