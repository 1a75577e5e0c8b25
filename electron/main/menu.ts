/** Builds the native application menu from ./menu-model.ts and routes each click to one handler. */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { buildMenuModel, type MenuAction, type MenuItemModel, type MenuState } from './menu-model';

function toTemplate(items: readonly MenuItemModel[], onAction: (a: MenuAction) => void): MenuItemConstructorOptions[] {
  return items.map((m) => {
    const o: MenuItemConstructorOptions = {};
    if (m.id) o.id = m.id;
    if (m.label) o.label = m.label;
    if (m.type) o.type = m.type;
    if (m.role) o.role = m.role;
    if (m.accelerator) o.accelerator = m.accelerator;
    if (m.enabled !== undefined) o.enabled = m.enabled;
    if (m.checked !== undefined) o.checked = m.checked;
    if (m.submenu) o.submenu = toTemplate(m.submenu, onAction);
    const action = m.action;
    if (action) o.click = () => onAction(action);
    return o;
  });
}

/** Sets (or replaces) the application menu for `state`. */
export function installMenu(state: MenuState, onAction: (a: MenuAction) => void): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(toTemplate(buildMenuModel(state), onAction)));
}
