/** The en catalogue: the window's namespaces (window.ts) and the main process's own (tray, notifications, native dialogs, the loopback page). */
import { tray } from './tray';
import { notify } from './notify';
import { loopback } from './loopback';
import { dialogs } from './dialogs';
import { enWindow } from './window';

export const en = {
  ...enWindow,
  tray,
  notify,
  loopback,
  dialogs,
} as const;
