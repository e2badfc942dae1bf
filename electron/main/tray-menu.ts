/**
 * What the tray shows for a given monitor state: which icon, the tooltip, and
 * the context menu. Pure functions (no Electron), so every state can be tested.
 */
import { join } from 'node:path'
import type { CreditState, CreditSummary } from '../shared/views'

export type TrayIconState = 'ok' | 'low' | 'critical' | 'offline'

/** How many customers' subscriptions expire within the renewal notification's days (issue #13 §2). */
export interface TrayRenewals {
  customers: number
  days: number
}

export interface TrayState {
  panels: CreditSummary[]
  paused: boolean
  startAtLogin: boolean
  /** Unknown (not read yet, or the customer book cannot be read): the entry still opens the radar. */
  renewals?: TrayRenewals | null
}

/** A subset of Electron's MenuItemConstructorOptions (structurally compatible). */
export interface TrayMenuItem {
  label?: string
  type?: 'normal' | 'separator' | 'checkbox'
  checked?: boolean
  enabled?: boolean
  click?: () => void
}

export interface TrayActions {
  onOpen(command?: 'open-credits' | 'open-radar'): void
  onRefresh(): void
  onTogglePause(paused: boolean): void
  onToggleStartAtLogin(enabled: boolean): void
  onQuit(): void
}

// Money first: a panel running out matters more than a panel we cannot reach
// (often just this computer being offline). 'unknown' (not read yet) is neutral.
const SEVERITY: Record<CreditState, number> = { unknown: 0, ok: 0, offline: 1, low: 2, critical: 3 }

export function worstState(panels: CreditSummary[]): TrayIconState {
  let worst: CreditState = 'ok'
  for (const p of panels) if (SEVERITY[p.state] > SEVERITY[worst]) worst = p.state
  return worst === 'unknown' ? 'ok' : worst
}

/**
 * The icon file for a state. macOS: a black template image the menu bar tints
 * (Electron picks `@2x` itself). Windows: a multi-size .ico (crisp at every
 * DPI). Linux: a 24 px PNG, the size StatusNotifier hosts draw (and `@2x` on HiDPI).
 */
export function trayIconPath(state: TrayIconState, platform: NodeJS.Platform | string, iconDir: string): string {
  if (platform === 'darwin') return join(iconDir, `tray-${state}Template.png`)
  if (platform === 'win32') return join(iconDir, `tray-${state}.ico`)
  return join(iconDir, `tray-${state}-24.png`)
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

export function formatCredits(n: number): string {
  return `${numberFormat.format(n)} ${Math.abs(n) === 1 ? 'credit' : 'credits'}`
}

export function relativeTime(then: number, now: number): string {
  const min = Math.floor(Math.max(0, now - then) / 60_000)
  if (min < 1) return 'just now'
  if (min < 60) return `${min} min ago`
  const h = Math.floor(min / 60)
  if (h < 24) return `${h} h ago`
  const d = Math.floor(h / 24)
  return d === 1 ? 'yesterday' : `${d} days ago`
}

/** `Main — 1,234 credits · updated 5 min ago`, `Main — 8 credits (critical) · …`, `Main — offline`. */
export function panelLabel(p: CreditSummary, now: number): string {
  if (p.state === 'offline') return `${p.name} — offline`
  if (p.credits === null) return `${p.name} — not checked yet`
  const flag = p.state === 'low' ? ' (low)' : p.state === 'critical' ? ' (critical)' : ''
  const when = p.updatedAt === null ? '' : ` · updated ${relativeTime(p.updatedAt, now)}`
  return `${p.name} — ${formatCredits(p.credits)}${flag}${when}`
}

/** `Renewals — 3 customers expire in the next 3 days`, or `Renewals…` while unknown. */
export function renewalsLabel(r: TrayRenewals | null | undefined): string {
  if (!r) return 'Renewals…'
  if (r.customers === 0) return `Renewals — nobody expires in the next ${r.days} days`
  return `Renewals — ${r.customers} ${r.customers === 1 ? 'customer expires' : 'customers expire'} in the next ${r.days} days`
}

/** Windows cuts tray tooltips at 127 characters; the others are generous but a wall of text helps nobody. */
const TOOLTIP_MAX: Record<string, number> = { win32: 127 }
const TOOLTIP_PANELS = 8

export function tooltip(state: TrayState, platform: NodeJS.Platform | string): string {
  const lines = ['XM Reseller Desk' + (state.paused ? ' (monitoring paused)' : '')]
  if (state.panels.length === 0) lines.push('No panels monitored')
  for (const p of state.panels.slice(0, TOOLTIP_PANELS)) {
    lines.push(`${p.name}: ${p.state === 'offline' ? 'offline' : p.credits === null ? '—' : formatCredits(p.credits)}`)
  }
  if (state.panels.length > TOOLTIP_PANELS) lines.push(`and ${state.panels.length - TOOLTIP_PANELS} more`)
  const max = TOOLTIP_MAX[platform] ?? 1000
  let text = lines.join('\n')
  if (text.length > max) text = text.slice(0, max - 1) + '…'
  return text
}

/** Panels listed in the menu before "N more panels…" (menus taller than the screen scroll badly on Linux). */
const MENU_PANELS = 15

export function menuTemplate(state: TrayState, now: number, actions: TrayActions): TrayMenuItem[] {
  const items: TrayMenuItem[] = []
  if (state.panels.length === 0) items.push({ label: 'No panels monitored yet', enabled: false })
  for (const p of state.panels.slice(0, MENU_PANELS)) {
    items.push({ label: panelLabel(p, now), click: () => actions.onOpen('open-credits') })
  }
  if (state.panels.length > MENU_PANELS) {
    items.push({
      label: `${state.panels.length - MENU_PANELS} more panels…`,
      click: () => actions.onOpen('open-credits'),
    })
  }
  items.push(
    { type: 'separator' },
    { label: renewalsLabel(state.renewals), click: () => actions.onOpen('open-radar') },
    { type: 'separator' },
    { label: 'Refresh now', click: () => actions.onRefresh() },
    { label: 'Open workstation', click: () => actions.onOpen() },
    { type: 'separator' },
    {
      label: 'Pause monitoring',
      type: 'checkbox',
      checked: state.paused,
      click: () => actions.onTogglePause(!state.paused),
    },
    {
      label: 'Start at login',
      type: 'checkbox',
      checked: state.startAtLogin,
      click: () => actions.onToggleStartAtLogin(!state.startAtLogin),
    },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.onQuit() },
  )
  return items
}

/** What makes two menus the same for the user (labels, checks, enabled); clicks are not compared. */
export function menuSignature(items: TrayMenuItem[]): string {
  return JSON.stringify(items.map((i) => [i.type ?? 'normal', i.label ?? '', i.checked ?? null, i.enabled ?? true]))
}
