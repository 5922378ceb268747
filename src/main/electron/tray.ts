/**
 * Renders the tray model (src/main/tray/tray-template.ts) with Electron's Tray and Menu. Nothing
 * is decided here: labels, states and actions all come from the pure template.
 */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayItem, TrayModel, TrayState } from '../tray/tray-template';
import freshIcon from '../../../resources/tray/fresh.png?asset';
import expiringIcon from '../../../resources/tray/expiring.png?asset';
import failedIcon from '../../../resources/tray/failed.png?asset';

const ICONS: Record<TrayState, string> = { fresh: freshIcon, expiring: expiringIcon, failed: failedIcon };

export interface TrayView {
  render(model: TrayModel): void;
  destroy(): void;
}

export function createTray(onAction: (action: TrayAction) => void): TrayView {
  const tray = new Tray(nativeImage.createFromPath(ICONS.fresh));
  const toMenu = (items: readonly TrayItem[]): MenuItemConstructorOptions[] =>
    items.map((item) => {
      if (item.type === 'separator') return { type: 'separator' };
      // A single & marks a keyboard accelerator in menu labels: "R&D" must be written "R&&D".
      if (item.type === 'submenu') return { label: item.label.replaceAll('&', '&&'), submenu: toMenu(item.submenu) };
      const action = item.action;
      return { label: item.label.replaceAll('&', '&&'), enabled: item.enabled, click: action ? () => onAction(action) : undefined };
    });
  return {
    render: (model) => {
      tray.setImage(nativeImage.createFromPath(ICONS[model.state]));
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(toMenu(model.items)));
    },
    destroy: () => tray.destroy(),
  };
}
