/**
 * The Electron side of the window's approval questions (src/main/agent/window-approver.ts): when
 * the window is hidden, a notification says a program asks for a credential, and a click brings
 * the window forward, where the question waits. The notification names the account and the
 * program (the question's text, printable already), never a secret. The title comes in the app's
 * language (the `notify` namespace).
 */
import { Notification } from 'electron';
import type { ApprovalRequest } from '../../shared/types';

export function showApprovalNotice(request: ApprovalRequest, title: string, showWindow: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title, body: request.lines.slice(0, 4).join('\n').slice(0, 400), silent: false });
  notification.on('click', showWindow);
  notification.show();
}
