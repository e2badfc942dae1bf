/** The views a panel offers in the sidebar, in order. */
import type { Resource } from '../../electron/shared/domain'
import type { MessageKey } from '../i18n'
import type { TabKind } from '../stores/tabs'

export interface NavItem {
  kind: TabKind
  resource?: Resource
  label: MessageKey
}

export const PANEL_NAV: NavItem[] = [
  { kind: 'resource', resource: 'lines', label: 'res.lines' },
  { kind: 'resource', resource: 'mags', label: 'res.mags' },
  { kind: 'resource', resource: 'enigmas', label: 'res.enigmas' },
  { kind: 'resource', resource: 'activecodes', label: 'res.activecodes' },
  { kind: 'resource', resource: 'subResellers', label: 'res.subResellers' },
  { kind: 'resource', resource: 'activityLogs', label: 'res.activityLogs' },
  { kind: 'resource', resource: 'liveConnections', label: 'res.liveConnections' },
  { kind: 'resource', resource: 'creditLogs', label: 'res.creditLogs' },
  { kind: 'packages', label: 'res.packages' },
  { kind: 'account', label: 'res.account' },
]

/** "All panels" lists across panels; packages and account are per panel. */
export const ALL_NAV: NavItem[] = PANEL_NAV.filter((n) => n.kind === 'resource')
