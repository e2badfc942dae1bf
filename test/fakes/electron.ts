/**
 * A hand-written fake of the 'electron' module (vitest aliases `electron` here:
 * see vitest.config.ts). Electron cannot run on the build machines, so the thin
 * main/preload glue is exercised against this fake instead.
 *
 * Shape: the same export names as Electron, each a small, observable stand-in
 * that records what the code under test asked for, plus `__fake*` helpers that
 * let a test play Electron's part (emit an event, deliver an IPC message).
 *
 * Extending it (tray, menus, notifications, nativeImage …): add new exports
 * ADDITIVELY below, and register any module-level state with `onFakeReset(fn)`
 * so `resetElectronFake()` (call it in `beforeEach`) starts every test clean.
 */
import { EventEmitter } from 'node:events'
import { pathToFileURL } from 'node:url'

// ---------------------------------------------------------------------------
// Reset registry
// ---------------------------------------------------------------------------
const resetters: Array<() => void> = []
/** Register a function that clears some fake state; run by `resetElectronFake()`. */
export function onFakeReset(fn: () => void): void {
  resetters.push(fn)
}
/** Clears every fake's state (windows, handlers, recorded calls). Call in `beforeEach`. */
export function resetElectronFake(): void {
  for (const reset of resetters) reset()
}

/** A preventable event object as Electron hands to listeners. */
export class FakeEvent {
  defaultPrevented = false
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

// ---------------------------------------------------------------------------
// Frames and web contents
// ---------------------------------------------------------------------------
let nextWebContentsId = 1
let nextFrameId = 1

export class FakeWebFrameMain {
  readonly routingId = nextFrameId++
  readonly frames: FakeWebFrameMain[] = []
  detached = false
  constructor(
    public url: string,
    public readonly parent: FakeWebFrameMain | null = null,
  ) {
    parent?.frames.push(this)
  }
  get top(): FakeWebFrameMain {
    return this.parent ? this.parent.top : this
  }
  /** Test helper: an iframe inside this frame. */
  __addChild(url: string): FakeWebFrameMain {
    return new FakeWebFrameMain(url, this)
  }
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler:
    ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null
  permissionCheckHandler: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null
  headersReceivedListener: ((details: any, callback: (r: any) => void) => void) | null = null
  headersReceivedFilter: unknown = null
  readonly webRequest = {
    onHeadersReceived: (filterOrListener: unknown, maybeListener?: unknown): void => {
      if (typeof filterOrListener === 'function') {
        this.headersReceivedListener = filterOrListener as never
        this.headersReceivedFilter = null
      } else {
        this.headersReceivedFilter = filterOrListener
        this.headersReceivedListener = (maybeListener ?? null) as never
      }
    },
  }
  setPermissionRequestHandler(h: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = h
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = h
  }
  /** Test helper: run the onHeadersReceived listener like Chromium would and return its answer. */
  __receiveHeaders(details: {
    url: string
    resourceType?: string
    responseHeaders?: Record<string, string[]>
  }): Promise<any> {
    const listener = this.headersReceivedListener
    if (!listener) return Promise.resolve({})
    return new Promise((resolve) => listener({ resourceType: 'mainFrame', responseHeaders: {}, ...details }, resolve))
  }
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++
  readonly mainFrame: FakeWebFrameMain
  readonly sent: Array<[string, ...unknown[]]> = []
  windowOpenHandler:
    ((details: { url: string; frameName?: string; disposition?: string }) => { action: 'allow' | 'deny' }) | null = null
  readonly session: FakeSession
  private destroyed = false

  constructor(opts: { url?: string; session?: FakeSession } = {}) {
    super()
    this.mainFrame = new FakeWebFrameMain(opts.url ?? '')
    this.session = opts.session ?? session.defaultSession
    allContents.add(this)
    // Electron announces every new web contents on the app before anything loads.
    app.emit('web-contents-created', new FakeEvent(), this)
  }
  getURL(): string {
    return this.mainFrame.url
  }
  async loadURL(url: string): Promise<void> {
    this.mainFrame.url = url
    this.loaded.push(url)
  }
  async loadFile(path: string, opts: { hash?: string; search?: string } = {}): Promise<void> {
    const url = pathToFileURL(path).href + (opts.search ? '?' + opts.search : '') + (opts.hash ? '#' + opts.hash : '')
    await this.loadURL(url)
  }
  readonly loaded: string[] = []
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    this.sent.push([channel, ...args])
  }
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  destroy(): void {
    this.destroyed = true
    allContents.delete(this)
    this.emit('destroyed')
  }
  focus(): void {}
  /** How often the page was ended by `forcefullyCrashRenderer()` (engineer F: window recovery). */
  crashes = 0
  forcefullyCrashRenderer(): void {
    this.crashes++
    this.emit('render-process-gone', new FakeEvent(), { reason: 'killed', exitCode: 9 })
  }
  /** Test helper: the page's process died (reason as Electron's RenderProcessGoneDetails). */
  __renderProcessGone(reason = 'crashed', exitCode = 139): void {
    this.emit('render-process-gone', new FakeEvent(), { reason, exitCode })
  }

  /** Test helper: the page tries to navigate; returns whether Electron would have let it. */
  __navigate(
    url: string,
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' = 'will-navigate',
    frame?: FakeWebFrameMain,
  ): boolean {
    const e = new FakeEvent() as FakeEvent & { url: string; frame: FakeWebFrameMain; isMainFrame: boolean }
    e.url = url
    e.frame = frame ?? this.mainFrame
    e.isMainFrame = e.frame === this.mainFrame
    this.emit(event, e, url)
    return !e.defaultPrevented
  }
  /** Test helper: the page calls window.open / a target=_blank link. */
  __windowOpen(url: string): { action: 'allow' | 'deny' } {
    if (!this.windowOpenHandler) return { action: 'allow' }
    return this.windowOpenHandler({ url, frameName: '', disposition: 'new-window' })
  }
  /** Test helper: the page asks to attach a <webview>; returns whether it was allowed. */
  __attachWebview(): boolean {
    const e = new FakeEvent()
    this.emit('will-attach-webview', e, {}, { src: 'https://example.com' })
    return !e.defaultPrevented
  }
}

const allContents = new Set<FakeWebContents>()
export const webContents = {
  getAllWebContents: (): FakeWebContents[] => [...allContents],
  fromId: (id: number): FakeWebContents | undefined => [...allContents].find((c) => c.id === id),
  getFocusedWebContents: (): FakeWebContents | null => null,
}

// ---------------------------------------------------------------------------
// BrowserWindow
// ---------------------------------------------------------------------------
export class BrowserWindow extends EventEmitter {
  private static all = new Set<BrowserWindow>()
  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.all]
  }
  static fromWebContents(wc: unknown): BrowserWindow | null {
    return [...BrowserWindow.all].find((w) => w.webContents === wc) ?? null
  }
  static getFocusedWindow(): BrowserWindow | null {
    return [...BrowserWindow.all].find((w) => w.focused) ?? null
  }
  static __reset(): void {
    BrowserWindow.all.clear()
  }

  readonly options: Record<string, any>
  readonly webContents: FakeWebContents
  visible = false
  focused = false
  minimized = false
  private destroyed = false

  constructor(options: Record<string, any> = {}) {
    super()
    this.options = options
    const partition = options.webPreferences?.session as FakeSession | undefined
    this.webContents = new FakeWebContents({ session: partition })
    BrowserWindow.all.add(this)
    if (options.show !== false) this.visible = true
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url)
  }
  loadFile(path: string, opts?: { hash?: string; search?: string }): Promise<void> {
    return this.webContents.loadFile(path, opts)
  }
  show(): void {
    this.visible = true
    this.focused = true
    this.emit('show')
  }
  showInactive(): void {
    this.visible = true
  }
  hide(): void {
    this.visible = false
    this.focused = false
    this.emit('hide')
  }
  focus(): void {
    this.focused = true
    this.emit('focus')
  }
  restore(): void {
    this.minimized = false
    this.emit('restore')
  }
  minimize(): void {
    this.minimized = true
    this.emit('minimize')
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isVisible(): boolean {
    return this.visible
  }
  isFocused(): boolean {
    return this.focused
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  setBackgroundColor(c: string): void {
    this.options.backgroundColor = c
  }
  /** Like Electron: 'close' is preventable; if not prevented the window is destroyed. */
  close(): void {
    if (this.destroyed) return
    const e = new FakeEvent()
    this.emit('close', e)
    if (!e.defaultPrevented) this.destroy()
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.visible = false
    BrowserWindow.all.delete(this)
    this.webContents.destroy()
    this.emit('closed')
    if (BrowserWindow.all.size === 0) app.emit('window-all-closed')
  }
  /** Test helper: Chromium painted the first frame. */
  __readyToShow(): void {
    this.emit('ready-to-show')
  }
  /** Test helper: the page stopped answering / answers again (engineer F: window recovery). */
  __unresponsive(): void {
    this.emit('unresponsive')
  }
  __responsive(): void {
    this.emit('responsive')
  }
}

// ---------------------------------------------------------------------------
// IPC
// ---------------------------------------------------------------------------
type InvokeHandler = (event: any, ...args: unknown[]) => unknown

export class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>()
  handle(channel: string, handler: InvokeHandler): void {
    // Electron throws on a second handler for the same channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  }
  handleOnce(channel: string, handler: InvokeHandler): void {
    this.handle(channel, (e, ...a) => {
      this.handlers.delete(channel)
      return handler(e, ...a)
    })
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  /**
   * Test helper: deliver an `ipcRenderer.invoke(channel, ...args)` from `sender`
   * (default: the sender's main frame). Rejects like Electron when no handler exists.
   */
  async __invoke(
    channel: string,
    from: { sender: FakeWebContents; senderFrame?: FakeWebFrameMain | null },
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler)
      throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`)
    const senderFrame = from.senderFrame === undefined ? from.sender.mainFrame : from.senderFrame
    const event = { sender: from.sender, senderFrame, frameId: senderFrame?.routingId ?? -1, processId: 1 }
    return handler(event, ...args)
  }
}
export const ipcMain = new FakeIpcMain()

export class FakeIpcRenderer extends EventEmitter {
  readonly invoked: Array<[string, ...unknown[]]> = []
  /** What `invoke` answers; tests replace it. Default: echo the call. */
  invokeImpl: (channel: string, ...args: unknown[]) => Promise<unknown> = async (channel, ...args) => ({
    ok: true,
    value: { channel, args },
  })
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args])
    return this.invokeImpl(channel, ...args)
  }
  send(channel: string, ...args: unknown[]): void {
    this.invoked.push([channel, ...args])
  }
  /** Test helper: main sends `channel` to this page (the IPC event comes first, like Electron). */
  __deliver(channel: string, payload: unknown): void {
    this.emit(channel, { sender: this, senderId: 0 }, payload)
  }
}
export const ipcRenderer = new FakeIpcRenderer()

export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, api: unknown): void {
    if (Object.hasOwn(contextBridge.exposed, key))
      throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`)
    contextBridge.exposed[key] = api
  },
}

// ---------------------------------------------------------------------------
// app
// ---------------------------------------------------------------------------
export class FakeApp extends EventEmitter {
  isPackaged = false
  private ready = false
  private readyWaiters: Array<() => void> = []
  readonly paths = new Map<string, string>([
    ['userData', '/tmp/xm-fake-userData'],
    ['appData', '/tmp/xm-fake-appData'],
    ['home', '/tmp/xm-fake-home'],
    ['temp', '/tmp'],
    ['logs', '/tmp/xm-fake-logs'],
  ])
  /** What `requestSingleInstanceLock()` answers: false = another instance owns it. */
  singleInstanceLockAvailable = true
  singleInstanceLockRequested = false
  quitCalls = 0
  exitCode: number | null = null
  name = 'XM Reseller Desk'
  version = '0.1.0'

  getName(): string {
    return this.name
  }
  setName(n: string): void {
    this.name = n
  }
  getVersion(): string {
    return this.version
  }
  getPath(name: string): string {
    const p = this.paths.get(name)
    if (!p) throw new Error(`Failed to get '${name}' path`)
    return p
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value)
  }
  getAppPath(): string {
    return process.cwd()
  }
  isReady(): boolean {
    return this.ready
  }
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve()
    return new Promise((resolve) => this.readyWaiters.push(resolve))
  }
  requestSingleInstanceLock(): boolean {
    this.singleInstanceLockRequested = true
    return this.singleInstanceLockAvailable
  }
  releaseSingleInstanceLock(): void {}
  setAppUserModelId(_id: string): void {}
  focus(): void {}
  /** Like Electron: before-quit, then (if not prevented) will-quit, then quit. */
  quit(): void {
    this.quitCalls++
    const before = new FakeEvent()
    this.emit('before-quit', before)
    if (before.defaultPrevented) return
    const will = new FakeEvent()
    this.emit('will-quit', will)
    if (will.defaultPrevented) return
    this.emit('quit', new FakeEvent(), 0)
  }
  exit(code = 0): void {
    this.exitCode = code
  }

  /** Test helper: Electron finished initialising. */
  __ready(): void {
    if (this.ready) return
    this.ready = true
    this.emit('ready')
    for (const w of this.readyWaiters.splice(0)) w()
  }
  /** Test helper: a second copy of the app was started. */
  __secondInstance(argv: string[] = [], cwd = '/'): void {
    this.emit('second-instance', new FakeEvent(), argv, cwd, {})
  }
  __resetApp(): void {
    this.removeAllListeners()
    this.ready = false
    this.readyWaiters = []
    this.singleInstanceLockAvailable = true
    this.singleInstanceLockRequested = false
    this.quitCalls = 0
    this.exitCode = null
    this.isPackaged = false
  }
}
export const app = new FakeApp()

// ---------------------------------------------------------------------------
// session, shell, net, nativeTheme, dialog
// ---------------------------------------------------------------------------
export const session = {
  defaultSession: new FakeSession(),
  fromPartition: (_p: string): FakeSession => session.defaultSession,
}

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    shell.opened.push(url)
  },
  /** Folders handed to openPath ("Open logs folder"). */
  pathsOpened: [] as string[],
  async openPath(p: string): Promise<string> {
    shell.pathsOpened.push(p)
    return ''
  },
}

export const net = {
  fetch: (input: string | URL | Request, init?: RequestInit): Promise<Response> => globalThis.fetch(input, init),
}

export const nativeTheme = Object.assign(new EventEmitter(), {
  shouldUseDarkColors: false,
  themeSource: 'system' as 'system' | 'light' | 'dark',
})

export const dialog = {
  errorBoxes: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string): void {
    dialog.errorBoxes.push({ title, content })
  },
  /** What `showMessageBox` answers; tests replace it. */
  messageBoxResponse: 0,
  /** Every message box asked, with its options (engineer F: window recovery). */
  messageBoxes: [] as Array<Record<string, any>>,
  /** When set, `showMessageBox` waits for this before answering (a question left open). */
  messageBoxGate: null as Promise<void> | null,
  async showMessageBox(_win: unknown, _opts?: unknown): Promise<{ response: number; checkboxChecked: boolean }> {
    const opts = ((_opts ?? _win) ?? {}) as Record<string, any>
    dialog.messageBoxes.push(opts)
    if (dialog.messageBoxGate) {
      const signal = opts.signal as AbortSignal | undefined
      await Promise.race([
        dialog.messageBoxGate,
        new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true })),
      ])
      // Like Electron: an aborted box answers as if cancelled.
      if (signal?.aborted) return { response: Number(opts.cancelId ?? 0), checkboxChecked: false }
    }
    return { response: dialog.messageBoxResponse, checkboxChecked: false }
  },
}

onFakeReset(() => {
  for (const w of BrowserWindow.getAllWindows()) w.removeAllListeners()
  BrowserWindow.__reset()
  allContents.clear()
  ipcMain.handlers.clear()
  ipcMain.removeAllListeners()
  ipcRenderer.removeAllListeners()
  ipcRenderer.invoked.length = 0
  ipcRenderer.invokeImpl = async (channel, ...args) => ({ ok: true, value: { channel, args } })
  contextBridge.exposed = {}
  app.__resetApp()
  session.defaultSession = new FakeSession()
  shell.opened.length = 0
  shell.pathsOpened.length = 0
  nativeTheme.removeAllListeners()
  nativeTheme.shouldUseDarkColors = false
  nativeTheme.themeSource = 'system'
  dialog.errorBoxes.length = 0
  dialog.messageBoxResponse = 0
  dialog.messageBoxes.length = 0
  dialog.messageBoxGate = null
})

// ---------------------------------------------------------------------------
// Tray, Menu, nativeImage, Notification (added by the tray engineer)
// ---------------------------------------------------------------------------
export class FakeNativeImage {
  template = false
  constructor(public readonly path: string) {}
  /** Like Electron: a file that does not exist gives an empty image (no throw). */
  isEmpty(): boolean {
    return this.path === ''
  }
  setTemplateImage(on: boolean): void {
    this.template = on
  }
  isTemplateImage(): boolean {
    return this.template
  }
}
export const nativeImage = {
  createFromPath: (path: string): FakeNativeImage => new FakeNativeImage(path),
  createEmpty: (): FakeNativeImage => new FakeNativeImage(''),
}

export interface FakeMenuItemOptions {
  label?: string
  type?: string
  checked?: boolean
  enabled?: boolean
  click?: (...args: unknown[]) => void
}
export class Menu {
  constructor(public readonly items: FakeMenuItemOptions[] = []) {}
  static buildFromTemplate(template: FakeMenuItemOptions[]): Menu {
    return new Menu(template.map((t) => ({ ...t })))
  }
  static setApplicationMenu(_menu: Menu | null): void {}
  /** Test helper: click the item with this label (throws when absent, so a typo fails the test). */
  __click(label: string): void {
    const item = this.items.find((i) => i.label === label)
    if (!item) throw new Error(`no menu item "${label}" in [${this.items.map((i) => i.label ?? '—').join(', ')}]`)
    item.click?.(item, undefined, {})
  }
  get labels(): string[] {
    return this.items.map((i) => (i.type === 'separator' ? '---' : (i.label ?? '')))
  }
}

export class Tray extends EventEmitter {
  static instances: Tray[] = []
  /** Test switch: the next `new Tray()` throws, as on a desktop that refuses a tray. */
  static failNext = false
  image: FakeNativeImage
  tooltip = ''
  menu: Menu | null = null
  destroyed = false
  readonly calls = { setImage: 0, setToolTip: 0, setContextMenu: 0 }
  constructor(image: FakeNativeImage) {
    super()
    if (Tray.failNext) {
      Tray.failNext = false
      throw new Error('Tray is not supported on this desktop')
    }
    this.image = image
    Tray.instances.push(this)
  }
  setImage(image: FakeNativeImage): void {
    this.calls.setImage++
    this.image = image
  }
  setToolTip(text: string): void {
    this.calls.setToolTip++
    this.tooltip = text
  }
  setContextMenu(menu: Menu | null): void {
    this.calls.setContextMenu++
    this.menu = menu
  }
  destroy(): void {
    this.destroyed = true
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

export class Notification extends EventEmitter {
  static supported = true
  static shown: Notification[] = []
  static isSupported(): boolean {
    return Notification.supported
  }
  constructor(public readonly options: { title?: string; body?: string; icon?: string; silent?: boolean } = {}) {
    super()
  }
  get title(): string {
    return this.options.title ?? ''
  }
  get body(): string {
    return this.options.body ?? ''
  }
  show(): void {
    Notification.shown.push(this)
    this.emit('show')
  }
  close(): void {
    this.emit('close')
  }
}

export const loginItems = {
  settings: { openAtLogin: false, openAsHidden: false, path: '', args: [] as string[], wasOpenedAtLogin: false },
}
/** Electron's login items live on `app`; the fake keeps what was set so tests can read it back. */
Object.assign(app, {
  setLoginItemSettings(s: { openAtLogin: boolean; openAsHidden?: boolean; path?: string; args?: string[] }): void {
    loginItems.settings = { ...loginItems.settings, ...s, args: s.args ?? [], path: s.path ?? '' }
  },
  getLoginItemSettings(_o?: unknown): typeof loginItems.settings {
    return { ...loginItems.settings }
  },
})

onFakeReset(() => {
  Tray.instances.length = 0
  Tray.failNext = false
  Notification.supported = true
  Notification.shown.length = 0
  loginItems.settings = { openAtLogin: false, openAsHidden: false, path: '', args: [], wasOpenedAtLogin: false }
})

// ---------------------------------------------------------------------------
// protocol (added by engineer F: the app:// scheme)
// ---------------------------------------------------------------------------
type ProtocolHandler = (request: Request) => Response | Promise<Response>
export const protocol = {
  /** What `registerSchemesAsPrivileged` was given (Electron allows it once, before 'ready'). */
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    protocol.privileged.push(...schemes)
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!app.isReady()) throw new Error('protocol.handle should be called after app is ready')
    if (protocol.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`)
    protocol.handlers.set(scheme, handler)
  },
  unhandle(scheme: string): void {
    protocol.handlers.delete(scheme)
  },
  isProtocolHandled(scheme: string): boolean {
    return protocol.handlers.has(scheme)
  },
  /** Test helper: Chromium asks the scheme's handler for `url`; rejects like a failed load when unhandled. */
  async __request(url: string, init: { method?: string } = {}): Promise<Response> {
    const handler = protocol.handlers.get(new URL(url).protocol.replace(/:$/, ''))
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`)
    return handler(new Request(url, init))
  },
}
onFakeReset(() => {
  protocol.privileged.length = 0
  protocol.handlers.clear()
})
