/** The shortcut list shown by "?" — the same table the shell binds. */
import type { MessageKey } from '../i18n'

export const SHORTCUT_HELP: { keys: string; label: MessageKey }[] = [
  { keys: 'Ctrl/⌘ + K', label: 'shortcuts.search' },
  { keys: 'Ctrl/⌘ + N', label: 'shortcuts.new' },
  { keys: 'F5 · Ctrl/⌘ + R', label: 'shortcuts.refresh' },
  { keys: 'Ctrl + Tab', label: 'shortcuts.nextTab' },
  { keys: 'Ctrl + Shift + Tab', label: 'shortcuts.prevTab' },
  { keys: 'Ctrl/⌘ + W', label: 'shortcuts.closeTab' },
  { keys: 'Ctrl/⌘ + Shift + T', label: 'shortcuts.reopenTab' },
  { keys: 'Ctrl/⌘ + \\', label: 'shortcuts.split' },
  { keys: 'Ctrl/⌘ + ,', label: 'shortcuts.settings' },
  { keys: '/', label: 'shortcuts.focusSearch' },
  { keys: '?', label: 'shortcuts.help' },
]
