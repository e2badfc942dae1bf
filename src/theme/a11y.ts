/**
 * Accessible names and roles for the parts naive-ui draws itself, where no
 * prop of ours reaches: a table's row checkboxes, a card's header, the −/+
 * buttons of a number field, the "+" of a tag list, and the controls inside a
 * form item (naive-ui's form label is a <label> without `for`, so a screen
 * reader hears an unnamed field). Our own components name their controls in
 * their templates; this covers only naive-ui's insides.
 *
 * One MutationObserver on the page; each pass only adds attributes naive-ui
 * does not manage, so its re-renders keep them. The accessibility test
 * (test/e2e/accessibility.test.ts) holds every view to axe-core's rules.
 */
import { t } from '../i18n'

let nextId = 0
const newId = () => `xm-a11y-${++nextId}`

function setIfChanged(el: Element, name: string, value: string) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value)
}

/** The words of a table row, for its checkbox: the first cell with text (a line's username, a device's MAC). */
function rowName(tr: Element): string {
  for (const td of tr.querySelectorAll(':scope > td')) {
    if (td.classList.contains('n-data-table-td--selection')) continue
    const text = td.textContent?.trim()
    if (text) return text.length > 60 ? `${text.slice(0, 60)}…` : text
  }
  return ''
}

/** Whether the element already has a name of its own (from us or naive-ui). */
function named(el: Element): boolean {
  if (el.getAttribute('aria-label')) return true
  const by = el.getAttribute('aria-labelledby')
  return !!by && by.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim())
}

export function fixNaiveA11y(root: ParentNode = document): void {
  // Row checkboxes: "Select <first cell>"; the header's: "Select all rows on this page".
  for (const box of root.querySelectorAll('.n-data-table-td--selection [role="checkbox"]')) {
    const tr = box.closest('tr')
    const name = tr ? rowName(tr) : ''
    setIfChanged(box, 'aria-label', name ? t('a11y.selectRow', { name }) : t('a11y.selectThisRow'))
  }
  for (const box of root.querySelectorAll('.n-data-table-th--selection [role="checkbox"]'))
    setIfChanged(box, 'aria-label', t('a11y.selectPage'))

  // A card's header is a heading (role set by naive-ui, without a level) wrapping a second heading: one heading, level 2.
  for (const head of root.querySelectorAll('.n-card-header[role="heading"]')) head.setAttribute('role', 'none')
  for (const main of root.querySelectorAll('.n-card-header__main[role="heading"]:not([aria-level])'))
    main.setAttribute('aria-level', '2')

  // Number fields: the − and + buttons are icons only.
  for (const field of root.querySelectorAll('.n-input-number')) {
    const buttons = field.querySelectorAll('.n-input__suffix .n-button, .n-input__prefix .n-button')
    if (buttons.length !== 2) continue
    setIfChanged(buttons[0]!, 'aria-label', t('a11y.decrease'))
    setIfChanged(buttons[1]!, 'aria-label', t('a11y.increase'))
  }

  // A tag list's "+" button.
  for (const add of root.querySelectorAll('.n-dynamic-tags .n-button')) {
    if (!add.textContent?.trim()) setIfChanged(add, 'aria-label', t('a11y.addTag'))
  }

  // Controls inside a form item are named by the item's label.
  for (const item of root.querySelectorAll('.n-form-item')) {
    const text = item.querySelector(':scope > .n-form-item-label .n-form-item-label__text')
    if (!text?.textContent?.trim()) continue
    const controls = item.querySelectorAll(
      ':scope > .n-form-item-blank input:not([type="hidden"]), :scope > .n-form-item-blank textarea, :scope > .n-form-item-blank [role="switch"]',
    )
    if (!controls.length) continue
    if (!text.id) text.id = newId()
    for (const c of controls) if (!named(c) && !c.closest('label')) c.setAttribute('aria-labelledby', text.id)
  }
}

/**
 * Keeps naive-ui's parts named as the page changes. The observer's callback
 * runs right after each render (a microtask), so a control is never on screen
 * unnamed; it adds attributes only, which the observer does not watch.
 */
export function installNaiveA11y(): () => void {
  const observer = new MutationObserver(() => fixNaiveA11y())
  observer.observe(document.body, { childList: true, subtree: true })
  fixNaiveA11y()
  return () => observer.disconnect()
}
