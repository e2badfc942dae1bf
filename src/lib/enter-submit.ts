/**
 * Enter submits a form, as users expect from any dialog — but only a plain
 * Enter in a text field: never in a textarea (a new line), never on a button
 * or link (they act by themselves), never while an IME composes, and never
 * when a select or a date picker is open and uses Enter to pick.
 * Spending forms route it to their preview step (FormModal), so Enter never
 * spends without the cost on screen.
 */
const PICKERS = '[role="combobox"], [role="listbox"], [role="option"], .n-base-selection, .n-select, .n-date-picker, .n-color-picker, .n-base-select-menu'

export function isSubmitEnter(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || e.isComposing || e.defaultPrevented) return false
  const el = e.target
  if (!(el instanceof HTMLElement)) return false
  if (el instanceof HTMLTextAreaElement || el.isContentEditable) return false
  if (el.closest('button, a, [role="button"], [role="switch"], [role="checkbox"]')) return false
  if (el.closest(PICKERS)) return false
  return el instanceof HTMLInputElement
}
