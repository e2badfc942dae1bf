import { beforeEach, describe, expect, it } from 'vitest'
import type { IpcMain, WebContents } from 'electron'
import { BrowserWindow, ipcMain, resetElectronFake, type FakeWebContents } from '../../fakes/electron'
import { resolveAppLocation } from '../../../electron/main/app-url'
import { bindContract, createSenderCheck, forwardEvents } from '../../../electron/main/ipc'
import { EVENT_NAMES, METHOD_NAMES, type EventName } from '../../../electron/shared/contract'
import { AppError, recordingHandlers } from './recording-handlers'

const location = resolveAppLocation({ rendererDir: '/opt/xm/out/renderer' })
const APP = location.entry

function setup() {
  const ours = new BrowserWindow({})
  void ours.loadURL(APP)
  const { dispatch, ran } = recordingHandlers({
    'lines:enable': () => {
      throw new AppError('NO_KEY', 'No API key for this panel.')
    },
  })
  const unbind = bindContract(
    ipcMain as unknown as IpcMain,
    dispatch,
    createSenderCheck({
      isOurWebContents: (wc) => (wc as unknown) === ours.webContents,
      isAppUrl: location.isAppUrl,
    }),
  )
  return { ours, ran, unbind }
}

beforeEach(() => resetElectronFake())

describe('IPC binding', () => {
  it('binds exactly the contract methods, and unbinds them', () => {
    const { unbind } = setup()
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...METHOD_NAMES].sort())
    unbind()
    expect(ipcMain.handlers.size).toBe(0)
  })

  it('passes a call from our window to dispatch and answers its Result', async () => {
    const { ours, ran } = setup()
    const answer = await ipcMain.__invoke('lines:delete', { sender: ours.webContents }, { profileId: 'p1', id: 7 })
    expect(answer).toEqual({ ok: true, value: { handled: 'lines:delete' } })
    expect(ran).toEqual([['lines:delete', { profileId: 'p1', id: 7 }]])
    expect(await ipcMain.__invoke('profiles:list', { sender: ours.webContents })).toEqual({
      ok: true,
      value: { handled: 'profiles:list' },
    })
  })

  it('keeps the coded error a handler throws', async () => {
    const { ours } = setup()
    expect(await ipcMain.__invoke('lines:enable', { sender: ours.webContents }, { profileId: 'p1', id: 7 })).toEqual({
      ok: false,
      error: { code: 'NO_KEY', message: 'No API key for this panel.' },
    })
  })

  it('refuses bad arguments with VALIDATION before any handler runs', async () => {
    const { ours, ran } = setup()
    const wc = ours.webContents
    for (const args of [{ profileId: 'p1', id: -1 }, { profileId: 'p1', id: 7, extra: true }, 'lines', null]) {
      const answer = (await ipcMain.__invoke('lines:delete', { sender: wc }, args)) as {
        ok: boolean
        error: { code: string }
      }
      expect(answer.ok).toBe(false)
      expect(answer.error.code).toBe('VALIDATION')
    }
    const twoArgs = (await ipcMain.__invoke('lines:delete', { sender: wc }, { profileId: 'p1', id: 7 }, 'x')) as {
      error: { code: string }
    }
    expect(twoArgs.error.code).toBe('VALIDATION')
    expect(ran).toEqual([])
  })

  it('refuses senders that are not our page in our window, top frame', async () => {
    const { ours, ran } = setup()
    const args = { profileId: 'p1', id: 7 }
    const forbidden = { ok: false, error: { code: 'FORBIDDEN_SENDER', message: expect.any(String) } }

    // A window we did not create (even showing our page).
    const stranger = new BrowserWindow({})
    void stranger.loadURL(APP)
    expect(await ipcMain.__invoke('lines:delete', { sender: stranger.webContents }, args)).toEqual(forbidden)

    // Our window, navigated elsewhere.
    ours.webContents.mainFrame.url = 'https://evil.example/'
    expect(await ipcMain.__invoke('lines:delete', { sender: ours.webContents }, args)).toEqual(forbidden)
    ours.webContents.mainFrame.url = APP

    // A sub-frame of our page, even one claiming our URL.
    const iframe = ours.webContents.mainFrame.__addChild(APP)
    expect(await ipcMain.__invoke('lines:delete', { sender: ours.webContents, senderFrame: iframe }, args)).toEqual(
      forbidden,
    )

    // A frame that is gone by the time the call is handled.
    expect(await ipcMain.__invoke('lines:delete', { sender: ours.webContents, senderFrame: null }, args)).toEqual(
      forbidden,
    )

    expect(ran).toEqual([])
    expect(await ipcMain.__invoke('lines:delete', { sender: ours.webContents }, args)).toMatchObject({ ok: true })
  })

  it('turns a throwing dispatch into INTERNAL, never an IPC rejection', async () => {
    const ours = new BrowserWindow({})
    void ours.loadURL(APP)
    bindContract(
      ipcMain as unknown as IpcMain,
      async () => Promise.reject(new Error('boom at http://x/?api_key=SECRET')),
      () => true,
    )
    const answer = (await ipcMain.__invoke('profiles:list', { sender: ours.webContents })) as {
      error: { code: string; message: string }
    }
    expect(answer.error.code).toBe('INTERNAL')
    expect(answer.error.message).not.toContain('SECRET')
  })
})

describe('event forwarding', () => {
  it('sends contract events to windows showing our page, and stops on unsubscribe', () => {
    const listeners = new Set<(name: EventName, payload: unknown) => void>()
    const onEvent = (l: (name: EventName, payload: unknown) => void) => {
      listeners.add(l)
      return () => listeners.delete(l)
    }
    const emit = (name: string, payload: unknown) => listeners.forEach((l) => l(name as EventName, payload))

    const ours = new BrowserWindow({})
    void ours.loadURL(APP)
    const navigatedAway = new BrowserWindow({})
    void navigatedAway.loadURL('https://evil.example/')
    const closed = new BrowserWindow({})
    void closed.loadURL(APP)
    closed.destroy()
    const targets = [ours, navigatedAway, closed].map((w) => w.webContents as unknown as WebContents)

    const stop = forwardEvents(onEvent, () => targets, location.isAppUrl)
    for (const name of EVENT_NAMES) emit(name, { n: name })
    emit('not:anEvent', { secret: 1 })
    expect((ours.webContents as FakeWebContents).sent).toEqual(EVENT_NAMES.map((n) => [n, { n }]))
    expect(navigatedAway.webContents.sent).toEqual([])
    expect(closed.webContents.sent).toEqual([])

    stop()
    expect(listeners.size).toBe(0)
  })
})
