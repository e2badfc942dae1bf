/**
 * naive-ui theme overrides that keep text readable: every colour used for
 * text (tabs, tags, links, buttons, empty states, secondary text) reaches
 * WCAG AA contrast (4.5:1) on the surfaces it sits on, in both themes —
 * including the 12 % tint naive-ui puts behind a tag's text. naive-ui's
 * stock light colours (#18a058, #2080f0, #f0a020, #d03050) reach only
 * 2.2–3.9:1 on white. The accessibility test (test/e2e/accessibility.test.ts)
 * holds every view to this.
 */
import type { GlobalThemeOverrides } from 'naive-ui'

const fontFamily = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

/** Secondary text: ≥ 4.5:1 on white, the sidebar (#f7f8fa) and a hovered row; the same as --muted in styles.css. */
const MUTED_LIGHT = '#60656e'
const MUTED_DARK = '#b4bac4'

const light: GlobalThemeOverrides = {
  common: {
    fontFamily,
    // Each ≥ 4.5:1 as text on white and on its own 12 % tint; white text on it passes too.
    primaryColor: '#08703d',
    primaryColorHover: '#0a7a43',
    primaryColorPressed: '#055a31',
    primaryColorSuppl: '#0a7a43',
    successColor: '#08703d',
    successColorHover: '#0a7a43',
    successColorPressed: '#055a31',
    successColorSuppl: '#0a7a43',
    infoColor: '#0f5bb5',
    infoColorHover: '#1a66c4',
    infoColorPressed: '#0b4a94',
    infoColorSuppl: '#1a66c4',
    warningColor: '#7f5000',
    warningColorHover: '#8f5a00',
    warningColorPressed: '#6b4300',
    warningColorSuppl: '#8f5a00',
    errorColor: '#b3213f',
    errorColorHover: '#c01d3f',
    errorColorPressed: '#9a1b36',
    errorColorSuppl: '#c01d3f',
    textColor3: MUTED_LIGHT,
  },
  // An empty state's words are content, not a disabled control (naive-ui draws them at 1.8:1).
  Empty: { textColor: MUTED_LIGHT },
}

const dark: GlobalThemeOverrides = {
  common: { fontFamily },
  Empty: { textColor: MUTED_DARK },
}

export const themeOverrides = (isDark: boolean): GlobalThemeOverrides => (isDark ? dark : light)
