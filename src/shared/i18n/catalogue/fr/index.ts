/** The fr catalogue: the window's namespaces (window.ts) and the main process's own (tray, notifications, native dialogs, the loopback page). */
import { tray } from './tray';
import { notify } from './notify';
import { loopback } from './loopback';
import { dialogs } from './dialogs';
import { frWindow } from './window';
import type { Messages } from '../messages';

export const fr: Messages = {
  ...frWindow,
  tray,
  notify,
  loopback,
  dialogs,
};
