/**
 * App settings in `settings.json`: read once at start, written atomically on
 * every change. A missing file means the defaults; a file that cannot be read
 * or holds nonsense is moved aside (so nothing the user had is destroyed) and
 * the defaults are used, with a sentence saying so. Unknown or invalid fields
 * fall back one by one, so one bad value does not reset the others.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { Settings } from '../../shared/views'
import { AppError } from '../errors'
import { asidePathOf, writeFileAtomic } from '../profiles/atomic-file'

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  closeToTray: true,
  startHidden: false,
  startAtLogin: false,
  monitorPaused: false,
  offlineAlertMinutes: 15,
  theme: 'system',
  language: 'system',
})

export class SettingsStore {
  #current: Settings
  #chain: Promise<unknown> = Promise.resolve()

  /**
   * When the spending journal was first seen (ms), kept in the same file but not a setting
   * the page can change: a journal that is missing later was lost, not new (app/journal-file.ts).
   */
  #journalSince: number | null

  private constructor(
    readonly file: string,
    loaded: Settings,
    /** Why the file could not be used as it was; null when it was fine or absent. */
    readonly loadProblem: string | null,
    /** The name of the copy of the file that was kept aside, when there was a problem. */
    readonly keptAs: string | null = null,
    journalSince: number | null = null,
  ) {
    this.#current = loaded
    this.#journalSince = journalSince
  }

  static open(file: string, opts: { now: () => number }): SettingsStore {
    mkdirSync(dirname(file), { recursive: true })
    if (!existsSync(file)) return new SettingsStore(file, { ...DEFAULT_SETTINGS }, null)
    let parsed: unknown
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'))
    } catch (e) {
      const aside = asidePathOf(file, opts.now(), existsSync)
      let kept: string | null = basename(aside)
      try {
        renameSync(file, aside)
      } catch {
        kept = null // Could not move it: it stays, and the next save replaces it.
      }
      const why = e instanceof SyntaxError ? 'was not valid JSON (damaged or cut short)' : 'could not be read'
      const where = kept ? `the old file was kept as ${kept}` : 'the old file could not be moved aside'
      return new SettingsStore(file, { ...DEFAULT_SETTINGS }, `The settings file ${why}; the default settings are used and ${where}. Set your preferences again in Settings.`, kept)
    }
    const { settings, dropped } = fieldByField(parsed)
    const since = journalSinceOf(parsed)
    if (dropped.length === 0) return new SettingsStore(file, settings, null, null, since)
    // The bad values are replaced by defaults at the next save: keep the file as it was first.
    const aside = asidePathOf(file, opts.now(), existsSync)
    let kept: string | null = basename(aside)
    try {
      copyFileSync(file, aside)
    } catch {
      kept = null
    }
    const list = dropped.join(', ')
    const where = kept ? `; the file as it was is kept as ${kept}` : ''
    return new SettingsStore(
      file,
      settings,
      `${dropped.length === 1 ? 'One setting' : `${dropped.length} settings`} in the settings file could not be read (${list}) and ${dropped.length === 1 ? 'is' : 'are'} back to the default${where}. Check them in Settings.`,
      kept,
      since,
    )
  }

  /** True when the settings remember a spending journal. */
  get journalSeen(): boolean {
    return this.#journalSince !== null
  }

  /** Remember that a journal exists (once; saved with the settings). */
  rememberJournal(at: number): Promise<void> {
    if (this.#journalSince !== null) return Promise.resolve()
    this.#journalSince = at
    return this.set({}).then(() => undefined)
  }

  get(): Settings {
    return { ...this.#current }
  }

  /** Validated merge, saved before it becomes visible. */
  set(patch: Partial<Settings>): Promise<Settings> {
    const run = this.#chain.then(() => {
      const next = Settings.safeParse({ ...this.#current, ...dropUndefined(patch) })
      if (!next.success) {
        const issue = next.error.issues[0]
        throw new AppError('VALIDATION', `Setting ${issue?.path.join('.') ?? ''} is not valid: ${issue?.message ?? 'unknown problem'}.`)
      }
      try {
        const doc = this.#journalSince === null ? next.data : { ...next.data, journalSince: this.#journalSince }
        writeFileAtomic(this.file, JSON.stringify(doc, null, 2) + '\n')
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'error'
        throw new AppError('INTERNAL', `The settings could not be saved to ${this.file} (${code}); nothing was changed.`)
      }
      this.#current = next.data
      return this.get()
    })
    this.#chain = run.catch(() => undefined)
    return run
  }
}

/** Each known setting read on its own; `dropped` names those present but not valid. */
function fieldByField(value: unknown): { settings: Settings; dropped: string[] } {
  const out: Settings = { ...DEFAULT_SETTINGS }
  const dropped: string[] = []
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { settings: out, dropped: ['the whole file'] }
  const shape = Settings.shape
  for (const k of Object.keys(shape) as (keyof Settings)[]) {
    const raw = (value as Record<string, unknown>)[k]
    if (raw === undefined) continue // absent: the default, as for a new setting
    const r = shape[k].safeParse(raw)
    if (r.success) (out as Record<string, unknown>)[k] = r.data
    else dropped.push(k)
  }
  return { settings: out, dropped }
}

function journalSinceOf(value: unknown): number | null {
  const v = typeof value === 'object' && value !== null ? (value as { journalSince?: unknown }).journalSince : undefined
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
