/**
 * Words for issue #15's "words" and "dates": drawer field names, journal
 * summaries, expiry dates, the credits history and what "expiring" counts,
 * empty states after a sync, freshness and delete confirmations. Spread into `en`.
 */
export const enDesk = {
  'field.maxConnections': 'Max connections',
  'field.activeConnections': 'Active connections',
  'expiry.expiresOn': 'expires {date}',
  'expiry.expiredOn': 'expired {date}',
  'journalSum.package': 'Package: {name}',
  'journalSum.trial': 'trial',
  'journalSum.creditsGiven': '{n} credits given',
  'journalSum.creditsBack': '{n} credits taken back',
  'journalSum.unlimited': 'no expiry',
  'journalSum.expires': 'expires {date}',
  'journalSum.bulk': 'part of a bulk run',
  'chip.expiringHint': 'Enabled, not yet expired, and expiring within the next 7 days; sorted soonest first. The Renewals radar’s “Next 7 days” counts the same.',
  'radar.weekHint': 'Lines, MAG and Enigma2 devices on every panel: enabled, not yet expired, expiring within 7 days — the lists’ “Expiring in 7 days”. Snoozed and lost ones are left out unless shown; with “Only my customers”, only those linked to a customer.',
  'expiringSoon.what': 'enabled, not yet expired, expiring within {n} days; the lists’ chip and the Renewals radar count the same',
  'expiringSoon.lines.one': '{n} line',
  'expiringSoon.lines.other': '{n} lines',
  'expiringSoon.mags.one': '{n} MAG device',
  'expiringSoon.mags.other': '{n} MAG devices',
  'expiringSoon.enigmas.one': '{n} Enigma2 device',
  'expiringSoon.enigmas.other': '{n} Enigma2 devices',
} as const
