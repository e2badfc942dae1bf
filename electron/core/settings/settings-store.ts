/**
 * App settings in `settings.json`: read once at start, written atomically on
 * every change. A missing file means the defaults; a file that cannot be read
 * or holds nonsense is moved aside (so nothing the user had is destroyed) and
 * the defaults are used, with a sentence saying so. Unknown or invalid fields
 * fall back one by one, so one bad value does not reset the others.
 */
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
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
})

export class SettingsStore {
  #current: Settings
  #chain: Promise<unknown> = Promise.resolve()

  private constructor(
    readonly file: string,
    loaded: Settings,
    /** Why the file could not be used as it was; null when it was fine or absent. */
    readonly loadProblem: string | null,
  ) {
    this.#current = loaded
  }

  static open(file: string, opts: { now: () => number }): SettingsStore {
    mkdirSync(dirname(file), { recursive: true })
    if (!existsSync(file)) return new SettingsStore(file, { ...DEFAULT_SETTINGS }, null)
    let parsed: unknown
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'))
    } catch (e) {
      const aside = asidePathOf(file, opts.now(), existsSync)
      try {
        renameSync(file, aside)
      } catch {
        // Could not move it: it stays, and the next save replaces it.
      }
      const why = e instanceof SyntaxError ? 'was not valid JSON' : 'could not be read'
      return new SettingsStore(file, { ...DEFAULT_SETTINGS }, `The settings file ${why}; defaults are used and the old file was kept beside it.`)
    }
    return new SettingsStore(file, fieldByField(parsed), null)
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
        writeFileAtomic(this.file, JSON.stringify(next.data, null, 2) + '\n')
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

function fieldByField(value: unknown): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS }
  if (typeof value !== 'object' || value === null) return out
  const shape = Settings.shape
  for (const k of Object.keys(shape) as (keyof Settings)[]) {
    const r = shape[k].safeParse((value as Record<string, unknown>)[k])
    if (r.success) (out as Record<string, unknown>)[k] = r.data
  }
  return out
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
