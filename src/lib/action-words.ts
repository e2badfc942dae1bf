/**
 * What the reseller did, in words, for the credit log and the journal: the
 * panel and the API name actions by their plumbing (`user` + `adjust_credits`,
 * `edit_line`), and an `edit_line` with a package is an extension, charged
 * like one (docs/panel-api.md §4, §5).
 */
import { hasKey, t, type MessageKey } from '../i18n'

/** A credit-log row's `type` + `action` ("line" + "new" → "New line"). */
export function creditLogAction(type: unknown, action: unknown): string {
  const key = `logAction.${String(type)}.${String(action)}`
  if (hasKey(key)) return t(key)
  return [type, action].filter((x) => typeof x === 'string' && x).join(' ') || '—'
}

const JOURNAL_WORDS: Record<string, MessageKey> = {
  create_line: 'act.create_line',
  delete_line: 'act.delete_line',
  enable_line: 'act.enable_line',
  disable_line: 'act.disable_line',
  create_mag: 'act.create_mag',
  edit_mag: 'act.edit_mag',
  delete_mag: 'act.delete_mag',
  enable_mag: 'act.enable_mag',
  disable_mag: 'act.disable_mag',
  convert_mag: 'act.convert_mag',
  create_enigma: 'act.create_enigma',
  edit_enigma: 'act.edit_enigma',
  delete_enigma: 'act.delete_enigma',
  enable_enigma: 'act.enable_enigma',
  disable_enigma: 'act.disable_enigma',
  convert_enigma: 'act.convert_enigma',
  create_activecode: 'act.create_activecode',
  edit_activecode: 'act.edit_activecode',
  delete_activecode: 'act.delete_activecode',
  enable_activecode: 'act.enable_activecode',
  disable_activecode: 'act.disable_activecode',
  reset_activecode: 'act.reset_activecode',
  create_user: 'act.create_user',
  edit_user: 'act.edit_user',
  delete_user: 'act.delete_user',
  enable_user: 'act.enable_user',
  disable_user: 'act.disable_user',
}

/** A journal entry's API action, as what the reseller did ("edit_line" with a package → "Extend line"). */
export function journalAction(action: string, params: Record<string, unknown> | null | undefined): string {
  const withPackage = params !== null && params !== undefined && params.package !== undefined && params.package !== null
  if (action === 'edit_line') return t(withPackage ? 'act.extend_line' : 'act.edit_line')
  if (action === 'edit_mag' && withPackage) return t('act.extend_mag')
  if (action === 'edit_enigma' && withPackage) return t('act.extend_enigma')
  if (action === 'adjust_credits') {
    const n = Number(params?.credits)
    return t(Number.isFinite(n) && n < 0 ? 'act.take_credits' : 'act.give_credits')
  }
  const key = JOURNAL_WORDS[action]
  return key ? t(key) : action
}
