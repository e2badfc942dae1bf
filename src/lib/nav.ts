/** The views a panel offers in the sidebar, in order. */
import { RESOURCES, type Resource } from '../../electron/shared/domain'
import type { MessageKey } from '../i18n'
import type { TabKind } from '../stores/tabs'

export interface NavItem {
  kind: TabKind
  resource?: Resource
  label: MessageKey
}

export const PANEL_NAV: NavItem[] = [
  // Every resource's list, in the domain's order (RESOURCES).
  ...RESOURCES.map((resource): NavItem => ({ kind: 'resource', resource, label: `res.${resource}` })),
  { kind: 'packages', label: 'res.packages' },
  { kind: 'account', label: 'res.account' },
]

/** "All panels" lists across panels; packages and account are per panel. */
export const ALL_NAV: NavItem[] = PANEL_NAV.filter((n) => n.kind === 'resource')
