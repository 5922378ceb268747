/**
 * The host names that mean "this computer". Plain http is allowed to them only: the bundled
 * emulators, the login callbacks Tessera listens for, a SaaS whose registered callback comes back
 * here. One list for the provider clients' base-URL checks (service-url.ts), the SaaSus connection
 * checks and the window's link policy (src/main/security/window-policy.ts).
 */

/** As `URL#hostname` spells them: an IPv6 address keeps its brackets. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.includes(hostname);
}
