/** The native menu: File › Open…, Open Recent, Close; View; Help — and what each item does. */
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', async () => (await import('../helpers/electronMock.js')).electron);

const { menuTemplate } = await import('../../electron/main/menu.js');

type Item = MenuItemConstructorOptions;
const sub = (item: Item | undefined): Item[] => (item?.submenu ?? []) as Item[];
const click = (item: Item | undefined): void => (item?.click as unknown as () => void)();

describe('native menu', () => {
  const commands: string[] = [];
  const opened: string[] = [];
  const actions = { command: (c: string) => commands.push(c), openRecent: (f: { path: string }) => opened.push(f.path), clearRecent: () => commands.push('clear'), isMac: false, devTools: false };
  // The service lists only files that still exist, newest first (issue 14.3).
  const recent = [{ path: '/data/a.mk', name: 'a.mk', aside: null, openedAt: 1 }, { path: '/data/b.mk', name: 'b.mk', aside: null, openedAt: 0 }];
  const template = menuTemplate(recent, actions as never);

  it('has File, View and Help', () => {
    expect(template.map((m) => m.label)).toEqual(['&File', '&View', '&Help']);
  });

  it('File has Open…, Open Recent (the recent files, each openable, and Clear Recent) and Close', () => {
    const file = sub(template[0]);
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual(['Open…', 'Open Recent', 'separator', 'Close', 'separator', 'quit']);
    click(file[0]);
    click(file[3]);
    const recentItems = sub(file[1]);
    expect(recentItems.map((i) => [i.label, i.enabled])).toEqual([['/data/a.mk', undefined], ['/data/b.mk', undefined], [undefined, undefined], ['Clear Recent', true]]);
    click(recentItems[0]);
    click(recentItems[3]);
    expect(opened).toEqual(['/data/a.mk']);
    expect(commands).toEqual(['open', 'close', 'clear']);
  });

  it('View toggles the panels, the aside and precision; Help has About; no DevTools in packaged builds', () => {
    const view = sub(template[1]);
    expect(view.filter((i) => i.label).map((i) => i.label)).toEqual(['Sidebar', 'Cell Inspector', 'Read Through Aside', 'Full Precision Numbers', 'Find in Column']);
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(sub(template[2]).map((i) => i.label)).toEqual(['About Metakit Inspector']);
    const mac = menuTemplate([], { ...actions, isMac: true, devTools: true } as never);
    expect(mac[0]?.role).toBe('appMenu');
    expect(sub(mac.find((m) => m.label === '&View')).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
