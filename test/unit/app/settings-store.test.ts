import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, SettingsStore } from '../../../electron/core/settings/settings-store'

const dirs: string[] = []
const fileIn = () => {
  const d = mkdtempSync(join(tmpdir(), 'xm-settings-'))
  dirs.push(d)
  return join(d, 'settings.json')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const now = () => 1_750_000_000_000

describe('SettingsStore', () => {
  it('starts from the defaults and saves every change atomically', async () => {
    const file = fileIn()
    const s = SettingsStore.open(file, { now })
    expect(s.get()).toEqual(DEFAULT_SETTINGS)
    expect(await s.set({ closeToTray: false })).toMatchObject({ closeToTray: false, offlineAlertMinutes: 15 })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ closeToTray: false })
    expect(SettingsStore.open(file, { now }).get().closeToTray).toBe(false)
    expect(readdirSync(join(file, '..'))).toEqual(['settings.json'])
  })

  it('refuses an invalid value and keeps the old one', async () => {
    const file = fileIn()
    const s = SettingsStore.open(file, { now })
    await expect(s.set({ offlineAlertMinutes: 5000 })).rejects.toMatchObject({ code: 'VALIDATION' })
    expect(s.get().offlineAlertMinutes).toBe(15)
  })

  it('keeps good fields of a file with a bad one', () => {
    const file = fileIn()
    writeFileSync(file, JSON.stringify({ startHidden: true, offlineAlertMinutes: 'soon', extra: 1 }))
    const s = SettingsStore.open(file, { now })
    expect(s.get()).toEqual({ ...DEFAULT_SETTINGS, startHidden: true })
    // The bad value is named, never dropped silently (issue #12 §3); unknown fields are no problem.
    expect(s.loadProblem).toMatch(/One setting .*\(offlineAlertMinutes\)/)
  })

  it('moves a broken file aside, uses the defaults and says so', () => {
    const file = fileIn()
    writeFileSync(file, '{ not json')
    const s = SettingsStore.open(file, { now })
    expect(s.get()).toEqual(DEFAULT_SETTINGS)
    expect(s.loadProblem).toMatch(/not valid JSON/)
    expect(readdirSync(join(file, '..'))).toEqual([`settings.json.corrupt-${now()}`])
  })
})
