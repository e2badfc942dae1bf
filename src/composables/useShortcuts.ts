/**
 * Keyboard shortcuts of the shell. `mod` = Ctrl, or Cmd on macOS.
 * Typing in a field never fires single-key shortcuts such as "?".
 */
import { onBeforeUnmount, onMounted } from 'vue'

export interface Shortcut {
  key: string // KeyboardEvent.key, compared case-insensitively
  mod?: boolean
  shift?: boolean
  run: (e: KeyboardEvent) => void
}

export function matches(s: Shortcut, e: KeyboardEvent): boolean {
  const mod = e.ctrlKey || e.metaKey
  if (!!s.mod !== mod) return false
  if (s.shift !== undefined && s.shift !== e.shiftKey) return false
  return e.key.toLowerCase() === s.key.toLowerCase()
}

function typingIn(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null
  if (!el || !el.tagName) return false
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)
}

export function handleShortcut(list: Shortcut[], e: KeyboardEvent): boolean {
  for (const s of list) {
    if (!matches(s, e)) continue
    if (!s.mod && !['F5', 'Escape'].includes(s.key) && typingIn(e)) return false
    e.preventDefault()
    s.run(e)
    return true
  }
  return false
}

export function useShortcuts(list: () => Shortcut[]): void {
  const onKey = (e: KeyboardEvent) => handleShortcut(list(), e)
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
