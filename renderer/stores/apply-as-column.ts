/**
 * Wireshark's Apply as Column (the field menu, Ctrl+Shift+I in the packet details): adds a custom column for a field,
 * titled with the field's name; when it cannot (too many columns), the status bar says why.
 */
import { useCaptureStore } from './capture';
import { useViewSettingsStore } from './view-settings';

export function applyAsColumn(field: string): boolean {
  const why = useViewSettingsStore().addCustomColumn(field);
  if (why !== null) useCaptureStore().notice(`Apply as Column: ${why}`);
  return why === null;
}
