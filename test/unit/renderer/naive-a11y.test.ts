// @vitest-environment happy-dom
/**
 * The names src/theme/a11y.ts gives naive-ui's own parts (row checkboxes, card
 * headings, number-field buttons, a tag list's "+", form-item controls), and
 * the light theme's text colours reaching WCAG AA. axe-core checks the whole
 * app in Chromium (test/e2e/accessibility.test.ts); this is the fast guard.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import { NCard, NDataTable, NDynamicTags, NForm, NFormItem, NInput, NInputNumber, NSwitch } from 'naive-ui'
import { installNaiveA11y } from '../../../src/theme/a11y'
import { themeOverrides } from '../../../src/theme'

let wrapper: VueWrapper | null = null
let uninstall: (() => void) | null = null
afterEach(() => {
  wrapper?.unmount()
  uninstall?.()
  wrapper = null
  uninstall = null
})

/** Lets the observer's callback (a microtask after the render) run. */
const settle = async () => {
  await nextTick()
  await new Promise((r) => setTimeout(r, 0))
}

const Page = defineComponent({
  setup: () => () =>
    h('div', [
      h(NDataTable, {
        columns: [{ type: 'selection' }, { key: 'username', title: 'Username' }],
        data: [{ username: 'anna01' }, { username: 'bob02' }],
        rowKey: (r: { username: string }) => r.username,
      }),
      h(NCard, { title: 'New line' }, () => 'body'),
      h(NForm, null, () => [
        h(NFormItem, { label: 'Max connections' }, () => h(NInputNumber, { value: 1 })),
        h(NFormItem, { label: 'Trial' }, () => h(NSwitch, { value: false })),
        h(NFormItem, { label: 'Notes' }, () => h(NInput, { value: '' })),
        h(NFormItem, { label: 'Tags' }, () => h(NDynamicTags, { value: [] })),
      ]),
    ]),
})

/** The element's name as a screen reader computes it from aria-label / aria-labelledby. */
function nameOf(el: Element): string {
  const by = el.getAttribute('aria-labelledby')
  const fromIds = by
    ?.split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
    .join(' ')
    .trim()
  return fromIds || el.getAttribute('aria-label') || ''
}

describe('naive-ui parts get names', () => {
  it('row and page checkboxes, card headings, number buttons, the tag "+" and form-item controls', async () => {
    uninstall = installNaiveA11y()
    wrapper = mount(Page, { attachTo: document.body })
    await settle()

    const rowBoxes = [...document.querySelectorAll('.n-data-table-td--selection [role="checkbox"]')]
    expect(rowBoxes.map(nameOf)).toEqual(['Select anna01', 'Select bob02'])
    expect(nameOf(document.querySelector('.n-data-table-th--selection [role="checkbox"]')!)).toBe('Select all rows on this page')

    // One heading with a level, not two nested headings without one.
    const headings = [...document.querySelectorAll('.n-card [role="heading"]')]
    expect(headings).toHaveLength(1)
    expect(headings[0]!.getAttribute('aria-level')).toBe('2')
    expect(headings[0]!.textContent).toBe('New line')

    const numberButtons = [...document.querySelectorAll('.n-input-number .n-button')]
    expect(numberButtons.map(nameOf)).toEqual(['Decrease', 'Increase'])
    expect(nameOf(document.querySelector('.n-dynamic-tags .n-button')!)).toBe('Add a tag')

    expect(nameOf(document.querySelector('.n-input-number input')!)).toBe('Max connections')
    expect(nameOf(document.querySelector('[role="switch"]')!)).toBe('Trial')
    const notes = [...document.querySelectorAll('.n-form-item')].find((i) => i.textContent?.includes('Notes'))!
    expect(nameOf(notes.querySelector('input')!)).toBe('Notes')
  })

  it('a row that arrives later is named too', async () => {
    uninstall = installNaiveA11y()
    const Later = defineComponent({
      props: { rows: { type: Array, required: true } },
      setup: (props) => () =>
        h(NDataTable, { columns: [{ type: 'selection' }, { key: 'mac', title: 'MAC' }], data: props.rows as object[], rowKey: (r: { mac: string }) => r.mac }),
    })
    wrapper = mount(Later, { props: { rows: [] }, attachTo: document.body })
    await settle()
    await wrapper.setProps({ rows: [{ mac: '00:1A:79:00:00:01' }] })
    await settle()
    expect(nameOf(document.querySelector('.n-data-table-td--selection [role="checkbox"]')!)).toBe('Select 00:1A:79:00:00:01')
  })
})

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)]
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)
}
/** `hex` at `alpha` over white: the tint naive-ui puts behind a tag's text. */
const tint = (hex: string, alpha: number) =>
  '#' +
  [1, 3, 5]
    .map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * alpha + 255 * (1 - alpha)))
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')

describe('light theme text colours', () => {
  const common = themeOverrides(false).common!
  for (const key of ['primaryColor', 'primaryColorHover', 'successColor', 'infoColor', 'warningColor', 'errorColor', 'textColor3'] as const) {
    it(`${key} reaches 4.5:1 on white, on the sidebar and on its own tag tint`, () => {
      const c = common[key]!
      expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(4.5)
      expect(contrast(c, '#f7f8fa')).toBeGreaterThanOrEqual(4.5)
      if (key !== 'textColor3') expect(contrast(c, tint(c, 0.12))).toBeGreaterThanOrEqual(4.5)
    })
  }
})
