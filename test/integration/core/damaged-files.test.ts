/**
 * Damaged data files are never silent (issue #12 §3): each one reaches the page through
 * `app:info` naming the file, what happened and where the original was kept; nothing is
 * lost; a damaged or lost spending journal is moved aside (never deleted), a fresh one
 * started, and spending waits until the user has confirmed. Real files, real core,
 * real simulator.
 */
import Database from 'better-sqlite3'
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { PROFILE_DEFAULTS } from '../../../electron/shared/profile'
import type { DataProblem } from '../../../electron/shared/views'
import { addSimPanel, makeCore, tempDir, type TestCore } from './helpers'
import { closeAfterEach } from '../../helpers/close'

let sim: RunningSimulator | undefined
let t: TestCore | undefined
closeAfterEach(() => [t, sim])

async function problems(core: TestCore): Promise<DataProblem[]> {
  return ((await core.call('app:info')) as { problems?: DataProblem[] }).problems ?? []
}
const aside = (dir: string, prefix: string) => readdirSync(dir).filter((n) => n.startsWith(`${prefix}.corrupt-`))

const goodPanel = { ...PROFILE_DEFAULTS, id: 'p-good', name: 'Good', host: '127.0.0.1', accessCode: 'demo', order: 0, createdAt: 1, hasKey: false, keyHint: null }

describe('damaged profiles.json', () => {
  it('garbage: moved aside, no panels, and the page is told which file and where it went', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'profiles.json'), '{"version":1,"profiles":[{"id":"x", TRUNCATED')
    t = await makeCore({ dataDir: dir })
    expect(await t.call('profiles:list')).toEqual([])
    const [p] = await problems(t)
    expect(p).toMatchObject({ file: 'profiles.json', blocksSpending: false })
    expect(p!.message).toMatch(/not valid JSON.*moved aside to profiles\.json\.corrupt-\d+/)
    expect(p!.keptAs).toBe(aside(dir, 'profiles.json')[0])
    expect(readFileSync(join(dir, p!.keptAs!), 'utf8')).toBe('{"version":1,"profiles":[{"id":"x", TRUNCATED')
    await t.call('app:ackProblem', { id: p!.id })
    expect(await problems(t)).toEqual([])
  })

  it('one bad entry: the good panels load, the page is told, the original is kept aside', async () => {
    const dir = tempDir()
    const text = JSON.stringify({ version: 1, profiles: [goodPanel, { id: 'p-bad', name: 42 }] })
    writeFileSync(join(dir, 'profiles.json'), text)
    t = await makeCore({ dataDir: dir })
    expect((await t.call('profiles:list')).map((p) => p.id)).toEqual(['p-good'])
    const [p] = await problems(t)
    expect(p!.message).toMatch(/1 of 2 panels/)
    expect(readFileSync(join(dir, p!.keptAs!), 'utf8')).toBe(text)
  })

  it('a file from a newer version is reported at start, not only when adding a panel', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify({ version: 9, profiles: [] }))
    t = await makeCore({ dataDir: dir })
    const [p] = await problems(t)
    expect(p).toMatchObject({ file: 'profiles.json', keptAs: null })
    expect(p!.message).toMatch(/newer version of the app/)
  })
})

describe('damaged settings.json', () => {
  it('truncated: defaults, moved aside, reported', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'settings.json'), '{"closeToTray": fal')
    t = await makeCore({ dataDir: dir })
    const [p] = await problems(t)
    expect(p).toMatchObject({ file: 'settings.json' })
    expect(p!.message).toMatch(/not valid JSON.*kept as settings\.json\.corrupt-/)
    expect(readFileSync(join(dir, p!.keptAs!), 'utf8')).toBe('{"closeToTray": fal')
  })

  it('one bad value: the others are kept, the bad one is named, and the file as it was is kept', async () => {
    const dir = tempDir()
    const text = '{"closeToTray":false,"offlineAlertMinutes":"soon"}'
    writeFileSync(join(dir, 'settings.json'), text)
    t = await makeCore({ dataDir: dir })
    expect((await t.call('settings:get')).closeToTray).toBe(false)
    const [p] = await problems(t)
    expect(p!.message).toMatch(/One setting .*\(offlineAlertMinutes\)/)
    expect(readFileSync(join(dir, p!.keptAs!), 'utf8')).toBe(text)
  })
})

describe('damaged or lost journal.db', () => {
  async function panelWithPackage(core: TestCore) {
    const p = await addSimPanel(core, sim!)
    const pkg = (await core.call('packages:list', { profileId: p.id })).find((x) => x.isOfficial && x.isLine !== false)
    if (!pkg) throw new Error('simulator has no official line package')
    return { p, pkg }
  }

  it('garbage: start-up goes on, the file is moved aside untouched, spending waits for the user', async () => {
    sim = await startSimulator({ seed: 4, lines: 5, credits: 100 })
    const dir = tempDir()
    const garbage = Buffer.from('this is not a database, it was cut by a crash'.repeat(100))
    writeFileSync(join(dir, 'journal.db'), garbage)
    t = await makeCore({ dataDir: dir })
    const [p] = await problems(t)
    expect(p).toMatchObject({ file: 'journal.db', blocksSpending: true })
    expect(p!.message).toMatch(/spending journal \(journal\.db\) could not be used: it is not a database any more\. It was moved aside to journal\.db\.corrupt-\d+/)
    expect(readFileSync(join(dir, p!.keptAs!))).toEqual(garbage)

    const { p: panel, pkg } = await panelWithPackage(t)
    const balance = sim.credits()
    const refused = await t.raw('lines:create', { profileId: panel.id, packageId: pkg.id, trial: false })
    expect(refused.ok ? null : refused.error.code).toBe('JOURNAL_UNWRITABLE')
    expect(refused.ok ? '' : refused.error.message).toMatch(/Nothing was sent.*journal\.db/)
    expect(sim.credits()).toBe(balance)
    // The journal itself can still be read; after the user confirms, spending works again.
    expect((await t.raw('journal:query', {})).ok).toBe(true)
    await t.call('app:ackProblem', { id: p!.id })
    expect((await t.raw('lines:create', { profileId: panel.id, packageId: pkg.id, trial: false })).ok).toBe(true)
    expect(sim.credits()).toBeLessThan(balance)
  })

  it('damaged while running: the write is not sent, and spending stops everywhere with a notice', async () => {
    sim = await startSimulator({ seed: 6, lines: 5, credits: 100 })
    const dir = tempDir()
    t = await makeCore({ dataDir: dir })
    const { p: panel, pkg } = await panelWithPackage(t)
    expect((await t.raw('lines:create', { profileId: panel.id, packageId: pkg.id, trial: false })).ok).toBe(true)
    // Another program (a sync tool, a failing disk) writes over the open journal: its pages, its WAL
    // and its shared-memory index, after a checkpoint put the tables in the main file.
    const file = join(dir, 'journal.db')
    const other = new Database(file)
    other.pragma('wal_checkpoint(TRUNCATE)')
    other.close()
    const spoil = (path: string, byte: number, from: number) => {
      const size = statSync(path).size
      if (size <= from) return
      const fd = openSync(path, 'r+')
      writeSync(fd, Buffer.alloc(size - from, byte), 0, size - from, from)
      closeSync(fd)
    }
    spoil(file, 0x41, 4096)
    spoil(`${file}-wal`, 0x42, 0)
    spoil(`${file}-shm`, 0, 0)

    const balance = sim.credits()
    const first = await t.raw('lines:create', { profileId: panel.id, packageId: pkg.id, trial: false })
    expect(first.ok ? null : first.error.code).toBe('JOURNAL_UNWRITABLE')
    expect(first.ok ? '' : first.error.message).toMatch(/journal\.db.*damaged/)
    const [p] = await problems(t)
    expect(p).toMatchObject({ id: 'journal-damaged', file: 'journal.db', blocksSpending: true })
    expect(p!.message).toMatch(/damaged while the app was running.*Quit the app and start it again/)
    const second = await t.raw('lines:create', { profileId: panel.id, packageId: pkg.id, trial: false })
    expect(second.ok ? '' : second.error.message).toMatch(/Nothing was sent: spending is paused/)
    expect(sim.credits()).toBe(balance)
    // Only a restart clears it: confirming does not let spending go on with a damaged journal.
    await t.call('app:ackProblem', { id: 'journal-damaged' })
    expect((await problems(t)).map((x) => x.id)).toEqual(['journal-damaged'])
    await t.close({ keepDir: true })
    t = undefined
    // The next start moves the damaged file aside and says so.
    t = await makeCore({ dataDir: dir })
    const [again] = await problems(t)
    expect(again).toMatchObject({ id: 'journal', blocksSpending: true })
    expect(readdirSync(dir).some((n) => n.startsWith('journal.db.corrupt-'))).toBe(true)
  })

  it('missing where the settings remember one: reported and spending waits; a first start is quiet', async () => {
    sim = await startSimulator({ seed: 5, lines: 5, credits: 100 })
    const dir = tempDir()
    t = await makeCore({ dataDir: dir })
    expect(await problems(t)).toEqual([])
    await t.close({ keepDir: true })
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).journalSince).toEqual(expect.any(Number))
    for (const n of readdirSync(dir)) if (n.startsWith('journal.db')) writeFileSync(join(dir, n), '') // emptied…
    t = await makeCore({ dataDir: dir })
    const [p] = await problems(t)
    expect(p).toMatchObject({ file: 'journal.db', blocksSpending: true, keptAs: null })
    expect(p!.message).toMatch(/journal\.db\) that this app kept is empty/)
    const { p: panel, pkg } = await panelWithPackage(t)
    expect((await t.raw('lines:create', { profileId: panel.id, packageId: pkg.id, trial: false })).ok).toBe(false)
    await t.close({ keepDir: true })
    expect(existsSync(join(dir, 'journal.db'))).toBe(true)
  })
})
