/**
 * In-page layout checks for the languages test: words that do not fit their
 * control, and controls drawn over each other. Each function runs inside the
 * page (page.evaluate), so it sees the real layout of the real fonts.
 */
import type { Page } from 'playwright-core'

/** Controls whose words must be readable in full: buttons, tabs, sidebar items, table headers, chips, labels. */
export const WORDED = [
  'button',
  '.n-button',
  '.n-tabs-tab',
  '[role="tab"]',
  '.sidebar a',
  '.sidebar button',
  'th .n-data-table-th__title',
  'th',
  '.n-radio-button',
  '.n-tag',
  '.n-form-item-label',
  '.n-card-header__main',
  '.n-descriptions-table-header',
].join(', ')

/** Controls a user points at: two of them must never be drawn over each other. */
export const INTERACTIVE = ['button', 'a[href]', 'input:not([type="hidden"])', 'textarea', 'select', '[role="tab"]', '[role="checkbox"]', '[role="switch"]', '[role="radio"]', '.n-button', '.n-tabs-tab', '.n-tag'].join(', ')

export interface Clipped {
  what: string
  text: string
  box: number
  words: number
}

/**
 * Elements (matching `selector`, inside `scope`) whose words reach outside
 * them: the text's laid-out box is wider or taller than the element, or the
 * element scrolls sideways (scrollWidth > clientWidth). Ellipsis is only paint,
 * so an ellipsised label counts as cut too.
 */
export function clippedText(page: Page, scope: string, selector = WORDED): Promise<{ checked: number; clipped: Clipped[] }> {
  return page.evaluate(
    ([scopeSel, sel]) => {
      const describe = (el: Element) => {
        const tid = el.closest('[data-testid]')?.getAttribute('data-testid')
        return `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')}${tid ? ` in ${tid}` : ''}`
      }
      const shown = (el: Element) => {
        const r = el.getBoundingClientRect()
        if (r.width < 1 || r.height < 1) return false
        const s = getComputedStyle(el)
        return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0
      }
      const out: { what: string; text: string; box: number; words: number }[] = []
      let checked = 0
      for (const root of document.querySelectorAll(scopeSel)) {
        for (const el of root.querySelectorAll(sel)) {
          const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim()
          if (!text || !shown(el)) continue
          checked++
          const r = el.getBoundingClientRect()
          const range = document.createRange()
          range.selectNodeContents(el)
          const w = range.getBoundingClientRect()
          const sideways = el instanceof HTMLElement && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1
          const outside = w.width > 0 && (w.left < r.left - 1 || w.right > r.right + 1 || w.top < r.top - 2 || w.bottom > r.bottom + 2)
          if (sideways || outside) out.push({ what: describe(el), text, box: Math.round(r.width), words: Math.round(Math.max(w.width, el.scrollWidth)) })
        }
      }
      return { checked, clipped: out }
    },
    [scope, selector] as const,
  )
}

export interface Overlap {
  a: string
  b: string
}

/**
 * Pairs of visible controls (inside `scope`) whose boxes intersect, neither
 * containing the other. Controls covered by something else (a drawer over the
 * list, a strip scrolled out of view) are left out: only what can be clicked.
 */
export function overlappingControls(page: Page, scope: string, selector = INTERACTIVE): Promise<{ checked: number; overlaps: Overlap[] }> {
  return page.evaluate(
    ([scopeSel, sel]) => {
      const label = (el: Element) => {
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)
        const tid = el.getAttribute('data-testid') ?? el.closest('[data-testid]')?.getAttribute('data-testid')
        return `${el.tagName.toLowerCase()}${tid ? `[${tid}]` : ''} “${text || el.getAttribute('aria-label') || ''}”`
      }
      const vw = window.innerWidth
      const vh = window.innerHeight
      const els: { el: Element; r: DOMRect }[] = []
      for (const root of document.querySelectorAll(scopeSel)) {
        for (const el of root.querySelectorAll(sel)) {
          const r = el.getBoundingClientRect()
          if (r.width < 2 || r.height < 2) continue
          const cx = r.left + r.width / 2
          const cy = r.top + r.height / 2
          if (cx < 0 || cy < 0 || cx >= vw || cy >= vh) continue
          const hit = document.elementFromPoint(cx, cy)
          if (!hit || !(el === hit || el.contains(hit) || hit.contains(el))) continue
          els.push({ el, r })
        }
      }
      // A control drawn inside another (an input in its wrapper, an icon button in a field) is one control.
      const top = els.filter(({ el }) => !els.some((o) => o.el !== el && o.el.contains(el)))
      const out: { a: string; b: string }[] = []
      for (let i = 0; i < top.length; i++) {
        for (let j = i + 1; j < top.length; j++) {
          const a = top[i]!.r
          const b = top[j]!.r
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left)
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
          if (w > 1 && h > 1) out.push({ a: label(top[i]!.el), b: label(top[j]!.el) })
        }
      }
      return { checked: top.length, overlaps: out }
    },
    [scope, selector] as const,
  )
}
