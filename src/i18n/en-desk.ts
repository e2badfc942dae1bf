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
} as const
