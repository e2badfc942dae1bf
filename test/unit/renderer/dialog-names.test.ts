// @vitest-environment happy-dom
/** nameDialogs: a modal's card becomes the dialog; an unnamed dialog takes its own title as its name. */
import { describe, expect, it } from 'vitest'
import { nameDialogs } from '../../../src/lib/dialog-names'

const nameOf = (el: Element) => el.getAttribute('aria-label') ?? document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent ?? ''

describe('nameDialogs', () => {
  it('gives a modal card the dialog role and its title as name; a nested card stays a card', () => {
    document.body.innerHTML = `
      <div class="n-modal-container"><div class="n-modal-scroll-content">
        <div class="n-card n-modal" id="outer"><div class="n-card-header"><div class="n-card-header__main">Add a panel</div></div>
          <div class="n-card" id="inner"><div class="n-card-header__main">Cost</div></div>
        </div>
      </div></div>`
    nameDialogs()
    const outer = document.getElementById('outer')!
    expect(outer.getAttribute('role')).toBe('dialog')
    expect(nameOf(outer)).toBe('Add a panel')
    expect(document.getElementById('inner')!.getAttribute('role')).toBeNull()
  })

  it('names a drawer and a naive-ui dialog by their titles, and leaves a dialog that names itself alone', () => {
    document.body.innerHTML = `
      <div role="dialog" class="n-drawer" id="drawer"><div class="n-drawer-header__main">user01</div></div>
      <div role="dialog" class="n-dialog" id="confirm"><div class="n-dialog__title">Delete user01?</div></div>
      <div role="dialog" aria-label="Search every panel" id="search"><div class="n-card-header__main">other</div></div>`
    nameDialogs()
    expect(nameOf(document.getElementById('drawer')!)).toBe('user01')
    expect(nameOf(document.getElementById('confirm')!)).toBe('Delete user01?')
    expect(document.getElementById('search')!.getAttribute('aria-labelledby')).toBeNull()
  })
})
