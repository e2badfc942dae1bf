/**
 * Words for edit forms that start from a fresh read, for what a write reports
 * (convert, hand-off, sub-reseller passwords), for credit transfers and for
 * waiting on the panel's answer (issue #11 §1, §5). Spread into `en`.
 */
export const enWrites = {
  'fresh.loading': 'Refreshing from the panel… Saving waits for its current values.',
  'fresh.stale': 'The panel cannot be reached: these values are the copy saved on this computer ({when}) and may be out of date. Only the fields you change are sent.',
  'fresh.failed': 'The current values could not be read from the panel ({problem}). The values shown may be out of date; only the fields you change are sent.',
  'fresh.unknownTime': 'time unknown',
} as const
