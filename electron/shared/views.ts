/**
 * Schemas of what the page reads: cached lists, sync state, credits, the audit
 * journal, bulk runs, global search and app settings.
 */
import { z } from 'zod'
import { Resource, StatusFilter } from './domain'
import { ErrorCode } from './errors'
import { LanguageChoice } from './languages'

const anyRow = z.record(z.string(), z.unknown())

export const Freshness = z.enum(['fresh', 'stale', 'offline', 'error', 'never'])
export type Freshness = z.infer<typeof Freshness>

export const CacheQuery = z.object({
  /** One or several panels, or every panel. */
  profileIds: z.union([z.array(z.string().min(1)).min(1).max(200), z.literal('all')]),
  resource: Resource,
  /** Chips are combined with OR (e.g. disabled or expired). */
  status: z.array(StatusFilter).max(6).optional(),
  expiringDays: z.number().int().min(1).max(365).optional(),
  search: z.string().max(200).optional(),
  sort: z.object({ column: z.string().regex(/^[a-zA-Z]{1,40}$/), dir: z.enum(['asc', 'desc']) }).optional(),
  offset: z.number().int().min(0).max(10_000_000),
  limit: z.number().int().min(1).max(1000),
})
export type CacheQuery = z.infer<typeof CacheQuery>

export const PanelFreshness = z.object({
  profileId: z.string(),
  syncedAt: z.number().nullable(), // ms
  freshness: Freshness,
  error: z.string().nullable(),
})
export type PanelFreshness = z.infer<typeof PanelFreshness>

/** Rows carry `profileId` beside their domain fields, so "All panels" can show a Panel column. */
export const QueryResult = z.object({
  rows: z.array(anyRow),
  total: z.number().int(),
  /**
   * `total` is at least this many, not the count: a search with many matches is answered
   * before they are all counted (cache:count counts them; ARCHITECTURE §5).
   */
  totalIsLowerBound: z.boolean().optional(),
  panels: z.array(PanelFreshness),
})
export type QueryResult = z.infer<typeof QueryResult>

export const SyncProgress = z.object({
  profileId: z.string(),
  resource: Resource.or(z.enum(['packages', 'account'])),
  pages: z.number().int(),
  pagesTotal: z.number().int().nullable(),
  rows: z.number().int(),
  rowsTotal: z.number().int().nullable(),
  etaMs: z.number().nullable(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  error: z.object({ code: ErrorCode, message: z.string() }).nullable(),
})
export type SyncProgress = z.infer<typeof SyncProgress>

export const PanelStatus = z.object({
  profileId: z.string(),
  reachable: z.boolean().nullable(),
  lastError: z.object({ code: ErrorCode, message: z.string() }).nullable(),
  checkedAt: z.number().nullable(),
  syncing: z.boolean(),
  lastSyncAt: z.number().nullable(),
  /** Lists whose last sync failed (what a view's "Last refresh failed" banner says); cleared by that list's next success. */
  syncErrors: z.array(z.object({ resource: z.string(), code: ErrorCode, message: z.string() })).optional(),
})
export type PanelStatus = z.infer<typeof PanelStatus>

export const CreditState = z.enum(['ok', 'low', 'critical', 'offline', 'unknown'])
export type CreditState = z.infer<typeof CreditState>

export const CreditSummary = z.object({
  profileId: z.string(),
  name: z.string(),
  color: z.string(),
  credits: z.number().nullable(),
  updatedAt: z.number().nullable(),
  state: CreditState,
  burnPerDay: z.number().nullable(),
  /** "at this rate, runs out in ~N days"; null when not spending or unknown. */
  forecastDays: z.number().nullable(),
  /** Recent balances, oldest first, for the sidebar sparkline. */
  sparkline: z.array(z.number()),
})
export type CreditSummary = z.infer<typeof CreditSummary>

export const CreditHistory = z.object({
  /** The range asked for (ms): the chart spans it whole, whatever the points cover. */
  from: z.number(),
  to: z.number(),
  /** The balance over the range, from the panel's credit log and the monitor's checks (balance-series.ts). */
  points: z.array(z.object({ t: z.number(), credits: z.number() })),
  spendByDay: z.array(z.object({ day: z.string(), cost: z.number() })),
  spendByPackage: z.array(
    z.object({
      packageId: z.number().nullable(),
      name: z.string(),
      cost: z.number(),
      /** What the bar is (the page words it in the UI language): a package, drops between checks, a kind of log row. */
      group: z.enum(['package', 'unitemised', 'kind']).optional(),
      kind: z.string().nullable().optional(),
    }),
  ),
  burnPerDay: z.number().nullable(),
  forecastDays: z.number().nullable(),
})
export type CreditHistory = z.infer<typeof CreditHistory>

export const Outcome = z.enum(['pending', 'succeeded', 'failed', 'unknown'])
export type Outcome = z.infer<typeof Outcome>

export const JournalEntry = z.object({
  id: z.number().int(),
  profileId: z.string(),
  profileName: z.string(),
  action: z.string(),
  resource: z.string(),
  target: z.string(),
  params: anyRow,
  expectedCost: z.number(),
  balanceBefore: z.number().nullable(),
  balanceAfter: z.number().nullable(),
  outcome: Outcome,
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  evidence: z.string().nullable(),
  response: anyRow.nullable(),
  bulkRunId: z.string().nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** The balance figures include other spending that was in flight at the same time (issue #11 §4). */
  balanceEstimated: z.boolean().optional(),
})
export type JournalEntry = z.infer<typeof JournalEntry>

export const JournalFilter = z.object({
  profileIds: z.array(z.string()).max(200).optional(),
  actions: z.array(z.string().max(40)).max(50).optional(),
  outcomes: z.array(Outcome).max(4).optional(),
  from: z.number().optional(),
  to: z.number().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
})
export type JournalFilter = z.input<typeof JournalFilter>

export const BulkOperation = z.enum(['extend', 'enable', 'disable', 'delete', 'setNotes', 'create'])
export type BulkOperation = z.infer<typeof BulkOperation>

export const BulkPlanInput = z.object({
  profileId: z.string(),
  resource: z.enum(['lines', 'mags', 'enigmas', 'activecodes']),
  operation: BulkOperation,
  ids: z.array(z.number().int().positive()).max(10_000).optional(),
  /** Pasted usernames / MACs / codes, resolved against the cache. */
  targets: z.array(z.string().max(64)).max(10_000).optional(),
  packageId: z.number().int().positive().optional(),
  notes: z.string().max(2000).optional(),
  /** setNotes: replace the notes, or add to the end of each item's current notes (read fresh before sending). */
  notesMode: z.enum(['replace', 'append']).optional(),
  /** extend: also extend unlimited items, which makes them expire (left out unless the user includes them). */
  includeUnlimited: z.boolean().optional(),
  create: z
    .object({
      count: z.number().int().min(1).max(1000),
      prefix: z.string().regex(/^[A-Za-z0-9_-]{0,32}$/),
      mode: z.enum(['counter', 'random']),
      startAt: z.number().int().min(0).default(1),
      digits: z.number().int().min(1).max(12).default(4),
      trial: z.boolean().default(false),
    })
    .optional(),
})
export type BulkPlanInput = z.input<typeof BulkPlanInput>

export const BulkItemState = z.enum(['queued', 'running', 'succeeded', 'failed', 'unknown', 'skipped'])
export const BulkItem = z.object({
  key: z.string(),
  label: z.string(),
  cost: z.number(),
  state: BulkItemState,
  reason: z.string().nullable(),
  journalId: z.number().nullable(),
  result: anyRow.nullable(),
  /** What the preview shows beside the cost: the item's notes now (setNotes); its expiry now and after (extend; null = unlimited). */
  preview: z
    .object({ notes: z.string().optional(), expDate: z.number().nullable().optional(), newExpDate: z.number().nullable().optional() })
    .optional(),
})
export type BulkItem = z.infer<typeof BulkItem>

export const BulkPlan = z.object({
  planId: z.string(),
  items: z.array(BulkItem),
  unresolved: z.array(z.string()),
  totalCost: z.number(),
  balance: z.number().nullable(),
  balanceAfter: z.number().nullable(),
  enough: z.boolean(),
  /** extend: how many of the items are unlimited (left out, skipped, unless the plan includes them). */
  unlimited: z.number(),
})
export type BulkPlan = z.infer<typeof BulkPlan>

export const BulkRun = z.object({
  runId: z.string(),
  state: z.enum(['running', 'paused', 'cancelled', 'done', 'stopped']),
  stoppedReason: z.string().nullable(),
  counts: z.object({
    total: z.number(),
    succeeded: z.number(),
    failed: z.number(),
    unknown: z.number(),
    pending: z.number(),
    /** Not sent: left out at planning, cancelled, or after the run stopped. */
    skipped: z.number(),
  }),
  etaMs: z.number().nullable(),
  items: z.array(BulkItem),
})
export type BulkRun = z.infer<typeof BulkRun>

export const SearchHit = z.object({
  profileId: z.string(),
  resource: Resource,
  id: z.number(),
  title: z.string(),
  subtitle: z.string(),
  /** Subscriptions only: the expiry (unix seconds, null = unlimited), worded and dated by the page. */
  expDate: z.number().nullable().optional(),
})
export type SearchHit = z.infer<typeof SearchHit>

export const ThemeChoice = z.enum(['system', 'light', 'dark'])
export type ThemeChoice = z.infer<typeof ThemeChoice>

export const Settings = z.object({
  closeToTray: z.boolean(),
  startHidden: z.boolean(),
  startAtLogin: z.boolean(),
  monitorPaused: z.boolean(),
  /** Notify when a panel has been unreachable this long. */
  offlineAlertMinutes: z.number().int().min(1).max(1440),
  /** Colour scheme: follow the OS, or always light / dark. */
  theme: ThemeChoice,
  /** The language of the workstation's words: follow the OS, or one of LANGUAGE_CODES. */
  language: LanguageChoice,
})
export type Settings = z.infer<typeof Settings>

// — Damaged data files and diagnostics (issue #12 §3, §5) —
/**
 * One damaged or unexpected data file found at start: which, what happened, where the
 * damaged copy or the entries left out were kept, and whether spending waits until the
 * user has read it (a journal that was lost or moved aside).
 */
export const DataProblem = z.object({
  id: z.string(),
  /** The file by name: profiles.json, settings.json, journal.db. */
  file: z.string(),
  /** What happened and what to do, in one or two sentences. */
  message: z.string(),
  /** The name of the file the damaged original or the left-out entries were kept in; null when none. */
  keptAs: z.string().nullable(),
  /** Spending is refused until the user confirms they read this. */
  blocksSpending: z.boolean(),
  /** False when only a restart clears it (a journal damaged while running); absent = it can be confirmed. */
  confirmable: z.boolean().optional(),
})
export type DataProblem = z.infer<typeof DataProblem>

/** "Copy diagnostics": plain text for a support request; never a key or a customer's password. */
export const Diagnostics = z.object({ text: z.string() })
export type Diagnostics = z.infer<typeof Diagnostics>

export const AppInfo = z.object({
  version: z.string(),
  platform: z.string(),
  dataDir: z.string(),
  keyBackend: z.enum(['keychain', 'memory']),
  /** Why the OS keychain cannot be used, and what to do; null when it works. */
  keychainProblem: z.string().nullable(),
  transport: z.enum(['ipc', 'loopback']),
  demoAvailable: z.boolean(),
  /** The offline cache was unreadable at start and was rebuilt (what happened, in words); null/absent otherwise. */
  cacheProblem: z.string().nullable().optional(),
  /** Damaged or unexpected data files found at start, until the user has read them (DataProblem). */
  problems: z.array(DataProblem).optional(),
  /** Where the app's log files are (Settings: "Open logs folder"). */
  logDir: z.string().optional(),
})
export type AppInfo = z.infer<typeof AppInfo>


export const CustomerLinks = z.object({
  username: z.string(),
  password: z.string(),
  m3u: z.string(),
  playerApi: z.string(),
  epg: z.string(),
  enigmaInstall: z.string(),
  magPortal: z.string(),
  /** The address every link above starts with, and why that one: the panel's customer DNS, or its API address. */
  origin: z.string().optional(),
  via: z.enum(['customerDns', 'api']).optional(),
  /** No customer DNS is set but the account has a reseller DNS (user_info `reseller_dns`, panel-api §11): offered. */
  resellerDns: z.string().nullable().optional(),
})
export type CustomerLinks = z.infer<typeof CustomerLinks>
