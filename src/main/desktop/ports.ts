/**
 * What the services need from the desktop, as small ports. Electron implements them in
 * src/main/electron/desktop.ts; the end-to-end harness implements them by opening "system
 * browser" URLs in a second Playwright page and recording clipboard writes and notifications.
 */
export interface ExternalBrowser {
  /** Opens a URL (already checked by externalLinkDecision) in the user's browser. */
  open(url: string): Promise<void>;
}

export interface ClipboardPort {
  /** Writes text; `concealed` asks the platform to keep it out of clipboard history. */
  writeText(text: string, opts: { concealed: boolean }): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void>;
}

export interface NotifierPort {
  notify(notification: { title: string; body: string }): void;
}

export interface DesktopPorts {
  readonly browser: ExternalBrowser;
  readonly clipboard: ClipboardPort;
  readonly notifier: NotifierPort;
}
