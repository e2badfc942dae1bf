/**
 * The tray icon (Signal Desktop's pattern): a class handed its Electron
 * factories as constructor arguments, "for testing", that re-renders
 * idempotently from the monitor's state. `render(state)` may be called as
 * often as one likes (every `credits:changed`, once a minute for the "updated
 * N min ago" text): the image is set only when the worst state changes, the
 * tooltip and the menu only when their text changes — rebuilding a menu that
 * is open closes it on some Linux desktops.
 */
import {
  menuSignature,
  menuTemplate,
  tooltip,
  trayIconPath,
  worstState,
  type TrayActions,
  type TrayIconState,
  type TrayMenuItem,
  type TrayState,
} from './tray-menu'

/** The part of Electron's Tray the controller uses. */
export interface TrayLike<Image = unknown, Menu = unknown> {
  setImage(image: Image): void
  setToolTip(text: string): void
  setContextMenu(menu: Menu | null): void
  on(event: 'click' | 'double-click', listener: () => void): unknown
  destroy(): void
}

export interface TrayDeps<Image = unknown, Menu = unknown> extends TrayActions {
  createTray(image: Image): TrayLike<Image, Menu>
  buildMenu(template: TrayMenuItem[]): Menu
  createImage(path: string): Image
  notify(n: { title: string; body: string }): void
  platform: NodeJS.Platform | string
  /** Folder with the tray-*.png / *.ico files (resources/tray; `<resources>/tray` when packaged). */
  iconDir: string
  now?: () => number
}

export const STILL_RUNNING = {
  title: 'XM Reseller Desk is still running in the tray',
  body: 'It keeps watching your credits. Use "Quit" in the tray menu to close it completely.',
} as const

export class TrayController<Image = unknown, Menu = unknown> {
  private tray: TrayLike<Image, Menu> | null = null
  private failed = false
  private icon: TrayIconState | null = null
  private tip: string | null = null
  private menuSig: string | null = null
  private last: TrayState = { panels: [], paused: false, startAtLogin: false }
  private hinted = false

  constructor(private readonly deps: TrayDeps<Image, Menu>) {}

  /**
   * Creates the tray icon. False when the platform refused (seen on Linux
   * without a StatusNotifier host): the app must then keep its window, since
   * closing it would leave no way back in.
   */
  create(initial?: TrayState): boolean {
    if (this.tray) return true
    if (initial) this.last = initial
    const state = worstState(this.last.panels)
    try {
      this.tray = this.deps.createTray(
        this.deps.createImage(trayIconPath(state, this.deps.platform, this.deps.iconDir)),
      )
    } catch {
      this.failed = true
      return false
    }
    this.icon = state
    // Windows users expect a click on the tray icon to bring the window back; macOS and
    // Linux open the menu on click (most Linux hosts never deliver 'click' at all).
    if (this.deps.platform === 'win32') {
      this.tray.on('click', () => this.deps.onOpen())
      this.tray.on('double-click', () => this.deps.onOpen())
    }
    this.render(this.last)
    return true
  }

  get available(): boolean {
    return this.tray !== null && !this.failed
  }

  /** Bring the tray up to date with `state`; touches Electron only for what changed. */
  render(state: TrayState): void {
    this.last = state
    const tray = this.tray
    if (!tray) return
    const icon = worstState(state.panels)
    if (icon !== this.icon) {
      tray.setImage(this.deps.createImage(trayIconPath(icon, this.deps.platform, this.deps.iconDir)))
      this.icon = icon
    }
    const tip = tooltip(state, this.deps.platform)
    if (tip !== this.tip) {
      tray.setToolTip(tip)
      this.tip = tip
    }
    const items = menuTemplate(state, (this.deps.now ?? Date.now)(), this.deps)
    const sig = menuSignature(items)
    if (sig !== this.menuSig) {
      tray.setContextMenu(this.deps.buildMenu(items))
      this.menuSig = sig
    }
  }

  /** Re-render the last state (the clock moved: "updated 5 min ago" → "6 min ago"). */
  refresh(): void {
    this.render(this.last)
  }

  update(patch: Partial<TrayState>): void {
    this.render({ ...this.last, ...patch })
  }

  get state(): TrayState {
    return this.last
  }

  /** Told once per run, the first time the window hides into the tray. */
  hintStillRunning(): void {
    if (this.hinted) return
    this.hinted = true
    this.deps.notify({ ...STILL_RUNNING })
  }

  destroy(): void {
    this.tray?.destroy()
    this.tray = null
    this.icon = null
    this.tip = null
    this.menuSig = null
  }
}
