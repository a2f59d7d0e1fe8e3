/** The app menu: open views, fullscreen, reload, and save the window layout on purpose. */
import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import type { ViewName } from '@shared/domain/layout';

export interface MenuActions {
  openView(view: ViewName, near: BrowserWindow | null): void;
  toggleFullScreen(win: BrowserWindow): void;
  reload(win: BrowserWindow): void;
  saveLayout(): void;
  devTools: boolean;
}

export function appMenu(actions: MenuActions): Menu {
  const focused = (): BrowserWindow | null => BrowserWindow.getFocusedWindow();
  const withFocused = (action: (win: BrowserWindow) => void) => (): void => {
    const win = focused();
    if (win) action(win);
  };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Save Current Window Layout', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveLayout() },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Open Overview Window', accelerator: 'CmdOrCtrl+1', click: () => actions.openView('overview', focused()) },
        { label: 'Open Sources Window', accelerator: 'CmdOrCtrl+2', click: () => actions.openView('sources', focused()) },
        { type: 'separator' },
        { label: 'Toggle Fullscreen', accelerator: process.platform === 'darwin' ? 'Ctrl+Cmd+F' : 'F11', click: withFocused(actions.toggleFullScreen) },
        { label: 'Reload', accelerator: 'CmdOrCtrl+R', click: withFocused(actions.reload) },
        ...(actions.devTools ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
