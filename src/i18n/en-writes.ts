/**
 * Words for edit forms that start from a fresh read, for what a write reports
 * (convert, hand-off, sub-reseller passwords), for credit transfers and for
 * waiting on the panel's answer (issue #11 §1, §5). Spread into `en`.
 */
export const enWrites = {
  'editFresh.loading': 'Refreshing from the panel… Saving waits for its current values.',
  'editFresh.stale': 'The panel cannot be reached: these values are the copy saved on this computer ({when}) and may be out of date. Only the fields you change are sent.',
  'editFresh.failed': 'The current values could not be read from the panel ({problem}). The values shown may be out of date; only the fields you change are sent.',
  'editFresh.unknownTime': 'time unknown',

  // adjust_credits is a transfer, in whole credits (docs/panel-api.md §7)
  'transfer.title': 'Move credits: you ⇄ {name}',
  'transfer.intro': 'Check the transfer before confirming. Nothing is sent until you click the button below.',
  'transfer.direction': 'Direction',
  'transfer.giveOption': 'Give to {name}',
  'transfer.takeOption': 'Take back from {name}',
  'transfer.amount': 'Credits',
  'transfer.placeholder': 'Whole credits, e.g. 10',
  'transfer.hint': 'Whole credits only: the panel does not move fractions.',
  'transfer.give': 'Give {n} credits to {name}',
  'transfer.take': 'Take back {n} credits from {name}',
  'transfer.theirBalance': 'Balance of {name}',
  'transfer.enterAmount': 'Enter how many credits to move to see both balances after.',
  'transfer.amountRequired': 'Enter how many credits to move: a whole number above 0.',
  'transfer.wholeOnly': 'The panel moves whole credits only: it would cut {n} to {cut}. Enter a whole number.',
  'transfer.notEnough': 'You have {n} credits to give.',
  'transfer.belowZero': 'A balance would go below 0: the panel refuses that.',

  // Customer hand-off never hands out a link with an empty credential
  'handoff.nothingToCopy': 'There is no {what} to copy.',
  'handoff.noCredentials': 'The panel did not give this item’s username and password, so no working link can be built.',

  // A write in flight: say what is happening, never just spin
  'waiting.title': 'Sent — waiting for the panel’s answer…',
  'waiting.seconds': '{s} s',
  'waiting.minutes': '{m} min {s} s',
  'waiting.once': 'It was sent once and will not be resent, whatever happens.',
  'waiting.late': 'The answer is late. If none comes, the app checks the panel by reading it and tells you what happened; the journal keeps the record.',

  // A generated sub-reseller password, shown once
  'subCreated.title': 'Sub-reseller created — note the password',
  'subCreated.once': 'This password was generated for you and is shown only now: the panel never shows it again. Copy it before closing.',
} as const
