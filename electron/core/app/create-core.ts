/**
 * The composition root: opens the data folder's files, builds the services on
 * one CoreContext and merges their handlers into the full contract. The
 * Electron main process and the loopback (browser) host both call it; neither
 * knows anything beyond `Core`.
 *
 * Files in dataDir: profiles.json (panels, never a key), cache.db (offline
 * copy of panel data), journal.db (audit of every spending call),
 * settings.json. Keys live only in the SecretStore.
 */
import { join } from 'node:path'
import { METHOD_NAMES, type ContractHandlers, type EventName, type EventPayload } from '../../shared/contract'
import type { Result } from '../../shared/errors'
import type { Settings } from '../../shared/views'
import { openCache } from '../cache'
import { AppError, redactSecrets } from '../errors'
import { createCreditMonitor, type CreditMonitor } from '../monitor'
import type { CoreContext, SecretStore } from '../ports'
import { JsonProfileStore } from '../profiles/profile-store'
import { cacheHandlers } from '../reads/cache-handlers'
import { itemHandlers } from '../reads/item-handlers'
import { linksHandler } from '../reads/links-handler'
import type { ReadDeps } from '../reads/read-deps'
import { SettingsStore } from '../settings/settings-store'
import { PanelStatusBoard } from '../sync/panel-status'
import { SyncEngine } from '../sync/sync-engine'
import { syncHandlers } from '../sync/sync-handlers'
import { FULL_SYNC } from '../sync/targets'
import { KeyService } from '../vault/key-service'
import { createSpending } from '../writes'
import { createCustomerBook, journalReader } from '../customers'
import { appHandlers } from './app-handlers'
import { DataProblems, fileProblem, gateSpending } from './data-problems'
import { checkJournalFile, journalOpenError } from './journal-file'
import { supportHandlers } from './support-handlers'
import { openFileLog } from '../log/file-log'
import { prepareDataDir, tightenModes } from './data-folder'
import { dispatch as dispatchTo } from './dispatch'
import { EventBus } from './event-bus'
import { PanelClients } from './panel-clients'
import { profileHandlers } from './profile-handlers'

export interface CoreOptions {
  dataDir: string
  secrets: SecretStore
  /** Why the OS keychain is not used (shown in app:info); null when it is. */
  keychainProblem?: string | null
  fetch?: typeof fetch
  now?: () => number
  transport: 'ipc' | 'loopback'
  appVersion: string
  platform: string
  startDemo?: () => Promise<{ scheme: 'http'; host: string; port: number; accessCode: string; apiKey: string }>
  openExternal?: (url: string) => Promise<void>
  /** `command`: what a click on the notification opens (the renewal notification: the radar). */
  notify?: (n: { title: string; body: string; command?: 'open-radar' }) => void
  /** After settings:set (and credits:setPaused): e.g. main applies startAtLogin. */
  onSettingsChanged?: (s: Settings) => void
  /** Diagnostics for bugs (never shown to the page); messages are scrubbed of api_key=. */
  log?: (msg: string) => void
  /** The folder of the log files (core/log/file-log.ts), for "Open logs folder" and "Copy diagnostics". */
  logDir?: string
  /** Opens a folder in the OS file manager (Electron's shell.openPath). */
  openPath?: (dir: string) => Promise<void>
}

export interface Core {
  handlers: ContractHandlers
  /** Validates and runs one contract method; always resolves with a Result. */
  dispatch(name: unknown, rawArgs: unknown): Promise<Result<unknown>>
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void
  /** The tray listens to it (`monitor.onChange`, `monitor.state`…). */
  monitor: CreditMonitor
  sync: SyncEngine
  /** Credit polling, then a refresh of whatever is stale (a full sync when the cache was rebuilt). */
  start(): Promise<void>
  /** Cancels syncs, stops timers, closes the databases. Safe to call twice. */
  dispose(): Promise<void>
}

export const DATA_FILES = {
  profiles: 'profiles.json',
  cache: 'cache.db',
  journal: 'journal.db',
  /** The reseller's own customer book: never rebuilt, never sent to a panel (customers/customer-db.ts). */
  customers: 'customers.db',
  settings: 'settings.json',
} as const

/** Closes each; one that fails must not keep the rest open. */
function closeAll(closers: readonly (() => void)[]): void {
  for (const close of closers) {
    try {
      close()
    } catch {
      // closing the rest matters more than one failure here
    }
  }
}

/** The services, opened; `closers` closes them newest first. */
interface Parts {
  opts: CoreOptions
  ctx: CoreContext
  bus: EventBus
  settings: SettingsStore
  profiles: JsonProfileStore
  problems: DataProblems
  cache: ReturnType<typeof openCache>
  keys: KeyService
  clients: PanelClients
  board: PanelStatusBoard
  sync: SyncEngine
  credits: ReturnType<typeof createCreditMonitor>
  spending: ReturnType<typeof createSpending>
  customerBook: ReturnType<typeof createCustomerBook>
  closers: (() => void)[]
}

type Opened = Pick<Parts, 'opts' | 'bus' | 'settings' | 'profiles' | 'problems' | 'cache' | 'closers'>

/** The credit monitor, told of every panel answer; the journal (checked first) with the write path; the customer book. */
function openServices(o: Opened, file: (name: keyof typeof DATA_FILES) => string, keys: KeyService, clients: PanelClients): Parts {
  const { opts, bus, settings, problems, closers } = o
  const now = opts.now ?? Date.now
  let monitor: CreditMonitor | null = null
  const ctx: CoreContext = {
    now,
    emit: bus.emit,
    profiles: o.profiles,
    secrets: opts.secrets,
    cache: o.cache,
    clients,
    onSpend: (profileId) => monitor?.refreshSoon(profileId),
  }
  const board = new PanelStatusBoard({ now, emit: bus.emit, cache: o.cache })
  const sync = new SyncEngine(ctx, board, { ...(opts.log ? { log: opts.log } : {}) })
  const initial = settings.get()
  const credits = createCreditMonitor(ctx, {
    notify: (n) => opts.notify?.({ title: n.title, body: n.body }),
    offlineAlertMinutes: initial.offlineAlertMinutes,
    paused: initial.monitorPaused,
  })
  monitor = credits.monitor
  closers.unshift(() => credits.dispose())
  // Any successful contact with a panel ends the monitor's view of an outage at once (not at its next backoff step).
  closers.unshift(bus.on((name, payload) => tellMonitor(credits.monitor, name, payload)))
  const journalCheck = checkJournalFile(file('journal'), settings.journalSeen, now())
  if (journalCheck.logLine) opts.log?.(journalCheck.logLine)
  if (journalCheck.problem) problems.add(journalCheck.problem)
  const spending = openSpending(() => createSpending(ctx, { journalFile: file('journal') }), file('journal'))
  // From now on a missing journal.db is a lost one, not a first start.
  void settings.rememberJournal(now()).catch(() => undefined)
  closers.unshift(() => spending.dispose())
  const customerBook = createCustomerBook(ctx, file('customers'), {
    journal: journalReader((f) => spending.handlers['journal:query'](f)),
    settings,
    backupDir: join(opts.dataDir, 'backups'),
    appVersion: opts.appVersion,
    notify: (n) => opts.notify?.(n),
    ...(opts.log ? { log: opts.log } : {}),
  })
  closers.unshift(() => customerBook.dispose())
  return { ...o, ctx, keys, clients, board, sync, credits, spending, customerBook }
}

/** Every contract method, from each service's group of handlers. */
function contractHandlers(p: Parts): ContractHandlers {
  const { ctx, opts, keys, settings, cache, problems, sync, board, clients, credits, spending, customerBook } = p
  const profilesChanged = () => credits.monitor.profilesChanged()
  const settingsChanged = (s: Settings) => {
    credits.monitor.setPaused(s.monitorPaused)
    credits.monitor.setOfflineAlertMinutes(s.offlineAlertMinutes)
    opts.onSettingsChanged?.(s)
  }
  const reads: ReadDeps = { ctx, sync, board, ownedBy: customerBook.ownedBy }
  return exactly({
    ...appHandlers({
      ctx,
      opts,
      keys,
      settings,
      cacheProblem: cache.recoveryProblem,
      problems,
      settingsChanged,
      profilesChanged,
      demoReady: (id) => void sync.run({ profileIds: [id] }),
    }),
    ...supportHandlers({
      ctx,
      opts,
      problems,
      cacheProblem: cache.recoveryProblem,
      recentLog: () => (opts.logDir ? openFileLog(opts.logDir).recent() : []),
    }),
    ...profileHandlers({ ctx, keys, sync, board, clients, profilesChanged, settle: () => credits.monitor.idle() }),
    ...cacheHandlers(reads),
    ...linksHandler(reads),
    ...itemHandlers(reads),
    ...syncHandlers(sync),
    ...gateSpending(spending.handlers, problems),
    ...customerBook.handlers,
    ...credits.handlers,
    // The pause is a setting too: it must survive a restart.
    'credits:setPaused': async (args) => {
      const r = await credits.handlers['credits:setPaused'](args)
      const s = await settings.set({ monitorPaused: r.paused })
      opts.onSettingsChanged?.(s)
      return r
    },
  })
}

/** What the app does once the page can listen: monitor, backups, the first syncs, settling last session's unknown writes. */
function startUp(p: Parts): void {
  const { opts, cache, credits, customerBook, sync, profiles, spending } = p
  credits.start()
  // Daily automatic backup of the customer book and the renewal notification.
  customerBook.start()
  if (cache.recovered) {
    // The old cache was unreadable: refill everything, and say so once.
    sync.run()
    if (cache.recoveryProblem) opts.notify?.({ title: 'Offline cache rebuilt', body: cache.recoveryProblem })
  } else {
    // The credit monitor reads every balance as it starts; the account need not be read twice.
    const targets = credits.monitor.paused ? FULL_SYNC : FULL_SYNC.filter((t) => t !== 'account')
    for (const pr of profiles.list()) for (const t of targets) sync.refreshIfStale(pr.id, t)
  }
  // Writes whose outcome was unknown when the app last stopped: look them up now.
  void spending.reconcileUnknown().catch(() => undefined)
}

function coreOf(p: Parts): Core {
  const handlers = contractHandlers(p)
  const logInternal = (method: string, e: unknown) =>
    p.opts.log?.(`${method} failed unexpectedly: ${redactSecrets(e instanceof Error ? (e.stack ?? e.message) : String(e))}`)
  let started = false
  let disposed: Promise<void> | null = null
  return {
    handlers,
    dispatch: (name, rawArgs) => dispatchTo(handlers, name, rawArgs, { onInternal: logInternal }),
    onEvent: (listener) => p.bus.on(listener),
    monitor: p.credits.monitor,
    sync: p.sync,
    async start() {
      if (started || disposed) return
      started = true
      startUp(p)
    },
    dispose() {
      disposed ??= (async () => {
        await p.sync.dispose()
        closeAll(p.closers)
        p.bus.clear()
      })()
      return disposed
    },
  }
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const now = opts.now ?? Date.now
  prepareDataDir(opts.dataDir) // 0700: the folder holds customers' passwords (data-folder.ts)
  const file = (name: keyof typeof DATA_FILES) => join(opts.dataDir, DATA_FILES[name])

  const bus = new EventBus()
  const settings = SettingsStore.open(file('settings'), { now })
  const profiles = await JsonProfileStore.open(file('profiles'), { now })
  // Damaged files found at start reach the page (app:info → banner), not just a log (data-problems.ts).
  const problems = new DataProblems()
  for (const p of [
    fileProblem(DATA_FILES.profiles, profiles.loadProblem, profiles.keptAs),
    fileProblem(DATA_FILES.settings, settings.loadProblem, settings.keptAs),
  ])
    if (p) problems.add(p)
  const cache = openCache(file('cache'), { now })
  // The log's checkpoints fall back to this thread when their worker fails (checkpointer.ts): say so in the log.
  cache.checkpointOptions = { onFailure: (m) => opts.log?.(`cache: checkpoints back on the main thread (${m})`) }
  const closers: (() => void)[] = [() => cache.close()]
  try {
    const keys = new KeyService(opts.secrets)
    await forgetLostKeys(profiles, keys, opts.secrets)
    const clients = new PanelClients({ profiles, keys, ...(opts.fetch ? { fetch: opts.fetch } : {}) })
    const parts = openServices({ opts, bus, settings, profiles, problems, cache, closers }, file, keys, clients)
    // Every file is open now (SQLite made its -wal/-shm): none may be readable by other accounts.
    tightenModes(opts.dataDir)
    return coreOf(parts)
  } catch (e) {
    closeAll(closers)
    throw e
  }
}

/** A journal that cannot be opened stops start-up with a sentence naming it (journal-file.ts), not SQLite's text. */
function openSpending<T>(open: () => T, journalFile: string): T {
  try {
    return open()
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_')) throw journalOpenError(journalFile, e)
    throw e
  }
}

/**
 * What the credit monitor learns from the rest of the app's events:
 * `cache:changed` only follows a panel's answer (a sync finished, a write
 * succeeded, a fresh `X:get`), and for 'account' the sync stored a new balance;
 * `panel:status` reachable without an error is an answer too.
 */
function tellMonitor(monitor: CreditMonitor, name: EventName, payload: unknown): void {
  if (name === 'cache:changed') {
    const { profileId, resource } = payload as EventPayload<'cache:changed'>
    if (resource === 'account') monitor.balanceStored(profileId)
    else monitor.panelAnswered(profileId)
  } else if (name === 'panel:status') {
    const s = payload as EventPayload<'panel:status'>
    if (s.reachable === true && s.lastError === null) monitor.panelAnswered(s.profileId)
  }
}

/** The handlers object holds exactly the contract's methods, in its order (extras from a group are dropped). */
function exactly(merged: ContractHandlers): ContractHandlers {
  const out: Record<string, unknown> = {}
  for (const name of METHOD_NAMES) {
    const h = merged[name]
    if (typeof h !== 'function') throw new AppError('INTERNAL', `The app is incomplete: no handler for ${name}.`)
    out[name] = h
  }
  return out as ContractHandlers
}

/**
 * With keys in memory only, last session's keys are gone: a panel must not keep
 * claiming it has one (the page would not ask for it again).
 */
async function forgetLostKeys(profiles: JsonProfileStore, keys: KeyService, secrets: SecretStore): Promise<void> {
  if (secrets.kind !== 'memory' || profiles.readOnly) return
  for (const p of profiles.list()) {
    if (!p.hasKey) continue
    try {
      if (!(await keys.has(p.id))) await profiles.setKeyHint(p.id, null)
    } catch {
      // leave it; the first call will say NO_KEY
    }
  }
}
