/**
 * Every dialog, modal and drawer is a `role="dialog"` with a name, so a screen
 * reader announces what opened. naive-ui gives the role to its drawers and
 * dialogs (the delete confirmations) but names neither, and gives a modal
 * holding our own card no role at all. Here: such a card becomes the dialog,
 * and an unnamed dialog is named by its own heading (the card's, drawer's or
 * dialog's title). A dialog without a visible title names itself in its
 * template (aria-label), and this leaves it alone.
 *
 * One MutationObserver on the page; it only adds attributes naive-ui does not
 * manage, so its re-renders keep them.
 */
const HEADINGS = '.n-card-header__main, .n-drawer-header__main, .n-dialog__title'
/** A modal's own body: the card the modal shows (naive-ui marks it with n-modal). */
const MODAL_CARDS = '.n-modal-container .n-card.n-modal, .n-modal-container .n-modal-scroll-content > .n-card'

let nextId = 0

function named(el: Element): boolean {
  if (el.getAttribute('aria-label')?.trim()) return true
  const by = el.getAttribute('aria-labelledby')
  return !!by && by.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim())
}

export function nameDialogs(root: ParentNode = document): void {
  for (const card of root.querySelectorAll(MODAL_CARDS)) {
    if (card.getAttribute('role') === 'dialog') continue
    card.setAttribute('role', 'dialog')
    card.setAttribute('aria-modal', 'true')
  }
  for (const dialog of root.querySelectorAll('[role="dialog"]')) {
    if (named(dialog)) continue
    const heading = [...dialog.querySelectorAll(HEADINGS)].find((h) => h.closest('[role="dialog"]') === dialog && h.textContent?.trim())
    if (!heading) continue
    if (!heading.id) heading.id = `xm-dialog-title-${++nextId}`
    dialog.setAttribute('aria-labelledby', heading.id)
  }
}

export function installDialogNames(): () => void {
  const observer = new MutationObserver(() => nameDialogs())
  observer.observe(document.body, { childList: true, subtree: true })
  nameDialogs()
  return () => observer.disconnect()
}
