/**
 * Public types of the reseller-API simulator. Other modules (client tests,
 * benches, the CLI) code against these names exactly; keep them stable.
 */

export interface SimulatorVariants {
  /** false = doc-style JSON numbers; true = real-server style (panel-api §3 clean_row): truthy DB values as strings, falsy as 0/null/"". */
  numericStrings: boolean
  /** false = list envelope without recordsTotal/recordsFiltered (panel-api §5 upstream API-mode bug). */
  listCounts: boolean
  /** 'xm' = filter 1..5 active/disabled/banned/expired/trial on every list (doc); 'upstream' = the panel-api §5 table. */
  filterTable: 'xm' | 'upstream'
  /** 'presence' = ANY is_isplock param (even 0) turns the lock on (panel-api §2, upstream isset()); 'value' = truthy value. */
  isplock: 'presence' | 'value'
  /** adjust_credits success: 'doc' = data {id,credits_before,credits_after,adjusted,note}; 'bare' = upstream, no data. */
  adjustResponse: 'doc' | 'bare'
  /** packages rows: 'xm' = doc fields (credits, duration_months, groups array); 'xui' = users_packages columns with JSON-string arrays. */
  packageFields: 'xm' | 'xui'
  /** false = create_activecode data lacks `code` (panel-api §9.3 field report). */
  activecodeCreateReturnsCode: boolean
  /** create_line success data: 'subset' = the doc example fields; 'full' = the whole get_line row. */
  createLineData: 'full' | 'subset'
  /** Most rows a list page sends (table.php clamps `length` to 1000; a panel may be set lower, panel-api §5). Read per request: a test may change it mid-pass. */
  maxPageRows: number
}

export const DEFAULT_VARIANTS: Readonly<SimulatorVariants> = Object.freeze({
  numericStrings: false,
  listCounts: true,
  filterTable: 'xm',
  isplock: 'presence',
  adjustResponse: 'doc',
  packageFields: 'xm',
  activecodeCreateReturnsCode: true,
  createLineData: 'subset',
  maxPageRows: 1000,
})

export interface SimulatorOptions {
  /** 0 = random free port (default). */
  port?: number
  /** Default '127.0.0.1'; never binds elsewhere unless asked. */
  host?: string
  accessCode?: string
  /** 32 hex chars; default derived deterministically from `seed`. */
  apiKey?: string
  seed?: number
  lines?: number
  mags?: number
  enigmas?: number
  activecodes?: number
  subResellers?: number
  /** The API reseller's starting balance. */
  credits?: number
  variants?: Partial<SimulatorVariants>
  /** ms clock (tests inject a fixed one). */
  now?: () => number
}

export type FaultKind =
  | 'latency'
  | 'html403'
  | 'html503'
  | 'html404'
  | 'http500empty'
  | 'empty'
  | 'null'
  | 'text'
  | 'reset'
  | 'stall'
  | 'applyThenDrop'
  | 'invalidJson'
  | 'badUtf8'
  | 'badRows'
  | 'dbError'

export interface FaultRule {
  action: string | '*'
  kind: FaultKind
  /** 0..1, default 1. */
  probability?: number
  /** Fire at most n times (list() reports what is left). */
  times?: number
  latencyMs?: number
  jitterMs?: number
  /** badRows: how many rows of the list page (from its first) lose their id and cannot be read; default all. */
  rows?: number
}

/** What kind of write a ledger entry is (extension of the brief's shape; `action` is the API action). */
export type WriteKind = 'new' | 'edit' | 'extend' | 'delete' | 'enable' | 'disable' | 'convert' | 'reset' | 'adjust'

export interface LedgerEntry {
  seq: number
  /** The API action, e.g. 'create_line', 'edit_line'. */
  action: string
  kind: WriteKind
  /** e.g. 'line:<username>' (create), 'line:<id>', 'mag:00:1A:79:..' (create), 'mag:<mag_id>', 'user:<id>'. */
  target: string
  cost: number
  /** The caller's balance after the write. */
  balanceAfter: number
  /** ms, from the simulator clock. */
  at: number
  /** Request parameters, api_key removed. */
  params: Record<string, string | string[]>
}

/** Parsed request parameters: `name[]` keys become arrays under `name`; other keys stay flat (`search[value]`). */
export type Params = Record<string, string | string[]>
