/**
 * The desktop ports implemented with Electron: system browser, clipboard, notifications.
 */
import { clipboard, ClipboardItem, Notification, shell } from 'electron';
import type { DesktopPorts } from '../desktop/ports';
import { AppError } from '../errors';
import { externalLinkDecision } from '../security/window-policy';

/**
 * Formats that ask clipboard managers and history features to skip a value: macOS
 * (nspasteboard.org), Windows (clipboard history and cloud sync), KDE Klipper.
 */
function concealedFormats(): Record<string, string> {
  const raw = (format: string): string => `electron application/osclipboard;format="${format}"`;
  if (process.platform === 'darwin') return { [raw('org.nspasteboard.ConcealedType')]: '' };
  if (process.platform === 'win32') return { [raw('ExcludeClipboardContentFromMonitorProcessing')]: '' };
  return { 'x-kde-passwordManagerHint': 'secret' };
}

export function electronDesktop(): DesktopPorts {
  return {
    browser: {
      open: async (url) => {
        // Every URL goes through the link rule again here, whoever asked: https anywhere, http on
        // loopback only, never file: or other schemes. electronegativity: OPEN_EXTERNAL_JS_CHECK.
        const decision = externalLinkDecision(url);
        if (!decision.open) throw new AppError('invalid_input', decision.reason, { key: 'net.linkRefused' });
        await shell.openExternal(decision.url);
      },
    },
    clipboard: {
      writeText: (text, { concealed }) =>
        clipboard.write([new ClipboardItem({ 'text/plain': text, ...(concealed ? concealedFormats() : {}) })]),
      readText: () => clipboard.readText(),
      clear: async () => clipboard.clear(),
    },
    notifier: {
      notify: ({ title, body }) => {
        if (Notification.isSupported()) new Notification({ title, body, silent: false }).show();
      },
    },
  };
}
