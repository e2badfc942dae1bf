/**
 * Links leaving the app through the main process (issue #12 §4): both ways a
 * page can ask — `app:openExternal` over IPC and window.open / target=_blank —
 * go through the core's allowlist before `shell.openExternal`. The fake
 * 'electron' plays Electron; main process and core are the real ones.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerLinks } from '../../../electron/shared/links'
import { messageLink } from '../../../electron/shared/message-links'
import { PROFILE_DEFAULTS } from '../../../electron/shared/profile'
import { ipcMain, resetElectronFake, shell, type BrowserWindow } from '../../fakes/electron'
import { firstWindow, mainDeps, quitApp, startMain } from '../../helpers/main-process'
import { waitFor } from '../../helpers/wait'

let dataDir: string
let win: BrowserWindow
const logged: string[] = []

beforeAll(async () => {
  resetElectronFake()
  dataDir = mkdtempSync(join(tmpdir(), 'xm-open-external-'))
  await startMain(mainDeps(dataDir, { log: (m) => logged.push(m) }))
  win = firstWindow()
  const created = await ipcMain.__invoke('profiles:create', { sender: win.webContents }, {
    ...PROFILE_DEFAULTS,
    name: 'Main',
    host: 'tv.panel.example',
    port: 8080,
    accessCode: 'AbCdEf',
  })
  expect(created).toMatchObject({ ok: true })
})

afterAll(async () => {
  await quitApp()
  rmSync(dataDir, { recursive: true, force: true })
})

const invoke = (url: string) => ipcMain.__invoke('app:openExternal', { sender: win.webContents }, { url })

describe('opening links from the window', () => {
  it('app:openExternal hands the message links (sms:, mailto: included) and panel links to the OS', async () => {
    const to = { phone: '+491701234567', email: 'kunde@example.de' }
    const urls = [
      messageLink('sms', to, { body: 'Hallo' }).url!,
      messageLink('email', to, { subject: 'Abo', body: 'Hallo' }).url!,
      messageLink('whatsapp', to, { body: 'Hallo' }).url!,
      customerLinks({ scheme: 'http', host: 'tv.panel.example', port: 8080 }, 'u', 'p').m3u,
    ]
    shell.opened.length = 0
    for (const url of urls) expect(await invoke(url), url).toMatchObject({ ok: true })
    expect(shell.opened).toEqual(urls)
  })

  it('app:openExternal refuses links the app does not build', async () => {
    shell.opened.length = 0
    for (const url of ['https://evil.example/', 'http://tv.panel.example:8080/admin', 'mailto:x@evil.example', 'file:///etc/passwd'])
      expect(await invoke(url), url).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(shell.opened).toEqual([])
  })

  it('window.open never makes a window and opens only allowlisted links', async () => {
    shell.opened.length = 0
    const good = messageLink('telegram', {}, { body: 'Hallo' }).url!
    expect(win.webContents.__windowOpen('https://evil.example/phish')).toEqual({ action: 'deny' })
    expect(win.webContents.__windowOpen(good)).toEqual({ action: 'deny' })
    await waitFor('the allowlisted link opened', () => shell.opened.length > 0)
    await waitFor('the blocked link logged', () => logged.some((m) => m.includes('blocked window-open https://evil.example/phish')))
    expect(shell.opened).toEqual([good])
  })
})
