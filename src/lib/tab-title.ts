/** A tab's label: "Lines · Main panel". */
import { t } from '../i18n'
import type { Profile } from '../../electron/shared/profile'
import { RESOURCE_META } from './resources'
import type { Tab } from '../stores/tabs'

export function tabTitle(tab: Tab, profiles: Map<string, Profile>): string {
  // The customer book's views span every panel: no "· panel" suffix.
  const book = { customers: 'nav.customers', radar: 'nav.radar', profit: 'nav.profit' } as const
  if (tab.kind === 'customers' || tab.kind === 'radar' || tab.kind === 'profit') return t(book[tab.kind])
  const what =
    tab.kind === 'resource' && tab.resource
      ? t(RESOURCE_META[tab.resource].title)
      : tab.kind === 'packages'
        ? t('res.packages')
        : tab.kind === 'account'
          ? t('res.account')
          : tab.kind === 'credits'
            ? t('nav.creditsView')
            : tab.kind === 'journal'
              ? t('nav.journal')
              : tab.kind === 'settings'
                ? t('nav.settings')
                : t('nav.panels')
  if (tab.kind === 'credits' || tab.kind === 'journal' || tab.kind === 'panels' || tab.kind === 'settings') return what
  const where = tab.profileId === 'all' ? t('nav.allPanels') : (profiles.get(tab.profileId)?.name ?? '?')
  return `${what} · ${where}`
}
