/** `reminders:*`: the renewal radar, snooze / lost, templates, composing and logging messages. */
import type { ContractHandlers } from '../../shared/contract'
import type { CustomerServices } from './index'

type ReminderMethods =
  | 'reminders:radar'
  | 'reminders:snooze'
  | 'reminders:markLost'
  | 'reminders:getSettings'
  | 'reminders:setSettings'
  | 'reminders:templates'
  | 'reminders:saveTemplate'
  | 'reminders:resetTemplate'
  | 'reminders:compose'
  | 'reminders:logSend'

export function reminderHandlers(s: CustomerServices): Pick<ContractHandlers, ReminderMethods> {
  return {
    'reminders:radar': async (q) => s.radar.query(q),
    'reminders:snooze': async ({ items, days }) => {
      s.radar.snooze(items, days)
      return { done: true as const }
    },
    'reminders:markLost': async ({ items, lost }) => {
      s.radar.markLost(items, lost)
      return { done: true as const }
    },
    'reminders:getSettings': async () => s.radar.settings(),
    'reminders:setSettings': async (patch) => s.radar.setSettings(patch),
    'reminders:templates': async ({ language }) => ({ templates: s.messages.templates(language), languages: s.messages.languages() }),
    'reminders:saveTemplate': async (t) => s.messages.saveTemplate(t),
    'reminders:resetTemplate': async ({ kind, language }) => s.messages.resetTemplate(kind, language),
    'reminders:compose': async (input) => s.messages.compose(input),
    'reminders:logSend': async (input) => s.messages.logSend(input),
  }
}
