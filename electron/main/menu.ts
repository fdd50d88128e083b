/** The native menu: File (Open…, Open Recent, Close, Quit), View, Help. */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/contract.js';
import type { RecentFile } from '../shared/dto.js';

export interface MenuActions {
  command: (command: MenuCommand) => void;
  openRecent: (file: RecentFile) => void;
  clearRecent: () => void;
  isMac: boolean;
  devTools: boolean;
}

export function menuTemplate(recent: readonly RecentFile[], a: MenuActions): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] = recent.length === 0
    ? [{ label: 'No recent files', enabled: false }]
    : recent.map((r) => ({ label: r.path, click: () => a.openRecent(r) }));
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => a.command('open') },
      { label: 'Open Recent', submenu: [...recentItems, { type: 'separator' }, { label: 'Clear Recent', enabled: recent.length > 0, click: () => a.clearRecent() }] },
      { type: 'separator' },
      { label: 'Close', accelerator: 'CmdOrCtrl+W', click: () => a.command('close') },
      ...(a.isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Sidebar', accelerator: 'CmdOrCtrl+B', click: () => a.command('toggleSidebar') },
      { label: 'Cell Inspector', accelerator: 'CmdOrCtrl+I', click: () => a.command('toggleInspector') },
      { label: 'Read Through Aside', click: () => a.command('toggleAside') },
      { label: 'Full Precision Numbers', click: () => a.command('fullPrecision') },
      { label: 'Find in Column', accelerator: 'CmdOrCtrl+F', click: () => a.command('find') },
      { type: 'separator' },
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(a.devTools ? [{ role: 'toggleDevTools' as const }] : []),
    ],
  };
  const help: MenuItemConstructorOptions = { label: '&Help', role: 'help', submenu: [{ label: 'About Metakit Inspector', click: () => a.command('about') }] };
  return [...(a.isMac ? [{ role: 'appMenu' as const }] : []), file, ...(a.isMac ? [{ role: 'editMenu' as const }] : []), view, help];
}

export function installMenu(recent: readonly RecentFile[], actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(recent, actions)));
}
