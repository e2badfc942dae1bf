// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { ERROR_CODES } from '../../../electron/shared/errors'
import { errorText, notifyError, setJournalOpener } from '../../../src/lib/notify'
import { settle } from './setup'

describe('notifyError: errors become words in one place', () => {
  it('gives one clear sentence per code', () => {
    expect(errorText({ code: 'INSUFFICIENT_CREDITS', message: 'STATUS_INSUFFICIENT_CREDITS' })).toBe('Not enough credits on this panel for that.')
    expect(errorText({ code: 'OFFLINE', message: 'ECONNREFUSED' })).toMatch(/cannot be reached.*Nothing was sent/)
    expect(errorText({ code: 'AUTH_INVALID', message: '' })).toMatch(/rejected the API key/)
    expect(errorText({ code: 'EXISTS_MAC', message: '' })).toMatch(/MAC address already exists/)
    for (const code of ERROR_CODES) expect(errorText({ code, message: 'm' })).not.toMatch(/^error\./)
  })

  it('keeps the specific reason of a validation error', () => {
    expect(errorText({ code: 'VALIDATION', message: 'MAC address must look like 00:1A:79:12:34:56' })).toBe(
      'Not sent: MAC address must look like 00:1A:79:12:34:56',
    )
  })

  it('shows a toast with the sentence', async () => {
    notifyError({ code: 'NO_TRIALS', message: '' })
    await settle()
    expect(document.body.textContent).toContain('No trials left on this panel.')
  })

  it('shows OUTCOME_UNKNOWN as a distinct warning that links to the Journal', async () => {
    const open = vi.fn()
    setJournalOpener(open)
    notifyError({ code: 'OUTCOME_UNKNOWN', message: 'create_line sent, no answer' })
    await settle()
    expect(document.body.textContent).toContain('may or may not have been applied — it was not resent')
    const link = document.body.querySelector<HTMLElement>('[data-testid="open-journal-link"]')
    expect(link).not.toBeNull()
    link!.click()
    expect(open).toHaveBeenCalledOnce()
  })
})
