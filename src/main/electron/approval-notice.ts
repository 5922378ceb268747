/**
 * The Electron side of the window's approval questions (src/main/agent/window-approver.ts): when
 * the window is hidden, a notification says a program asks for a credential, and a click brings
 * the window forward, where the question waits. The notification names the account and the
 * program (the question's text, printable already), never a secret, in the app's language (the
 * `notify` and `agent` namespaces; src/main/index.ts words it).
 */
import { Notification } from 'electron';

export function showApprovalNotice(notice: { readonly title: string; readonly lines: readonly string[] }, showWindow: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: notice.title, body: notice.lines.slice(0, 4).join('\n').slice(0, 400), silent: false });
  notification.on('click', showWindow);
  notification.show();
}
