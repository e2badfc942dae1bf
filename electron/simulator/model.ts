/**
 * Stored rows and the live simulator state. Field names follow the upstream
 * schema (panel-api §6) so row builders can emit either the doc or the real-server
 * shape. Times are unix seconds; `exp_date: null` = unlimited.
 */
import type { LedgerEntry, SimulatorVariants } from './types'
import type { Table } from './table'

export type DurationUnit = 'hours' | 'days' | 'months' | 'years'
export type Flag = 0 | 1

export interface SimBouquet {
  id: number
  bouquet_name: string
  /** Global order; bouquet lists are stored sorted by it (panel-api §7 Bouquets). */
  bouquet_order: number
}

export interface SimPackage {
  id: number
  package_name: string
  is_addon: Flag
  is_trial: Flag
  is_official: Flag
  /** May be fractional in the DB; always intval'd when priced (panel-api §7). */
  trial_credits: number
  official_credits: number
  trial_duration: number
  trial_duration_in: DurationUnit
  official_duration: number
  official_duration_in: DurationUnit
  groups: number[]
  bouquets: number[]
  output_formats: number[]
  is_line: Flag
  is_mag: Flag
  is_e2: Flag
  is_restreamer: Flag
  is_isplock: Flag
  max_connections: number
  force_server_id: number
  forced_country: string
  lock_device: Flag
  check_compatible: Flag
}

/** users_groups row (the reseller's permissions, panel-api §4 user_info). */
export interface SimGroup {
  group_id: number
  group_name: string
  is_admin: Flag
  is_reseller: Flag
  total_allowed_gen_trials: number
  total_allowed_gen_in: string
  delete_users: Flag
  allowed_pages: string[]
  create_sub_resellers: Flag
  create_sub_resellers_price: number
  reseller_client_connection_logs: Flag
  allow_restrictions: Flag
  allow_change_username: Flag
  allow_change_password: Flag
  minimum_username_length: number
  minimum_password_length: number
  allow_change_bouquets: Flag
  minimum_trial_credits: number
  subresellers: number[]
  enable_activecode: Flag
  force_batch_code: Flag
  generate_mass_trial: Flag
  default_code_length: number
  min_code_length: number
  max_code_length: number
}

export interface SimUser {
  id: number
  username: string
  password: string
  email: string
  ip: string
  date_registered: number
  last_login: number | null
  member_group_id: number
  /** FLOAT column: fractional balances survive until the first charge (panel-api §7). */
  credits: number
  notes: string
  status: Flag
  reseller_dns: string
  owner_id: number | null
  override_packages: Record<string, { official_credits: number }>
  api_key: string
  timezone: string
}

/** The subscription columns a `lines` row and an activation code share (panel-api §9.3). */
export interface SimSubscription {
  id: number
  member_id: number | null
  exp_date: number | null
  admin_enabled: Flag
  enabled: Flag
  admin_notes: string
  reseller_notes: string
  bouquet: number[]
  allowed_outputs: number[]
  max_connections: number
  is_restreamer: Flag
  is_trial: Flag
  is_isplock: Flag
  allowed_ips: string[]
  created_at: number
  force_server_id: number
  forced_country: string
  package_id: number | null
  contact: string
}

export interface SimLine extends SimSubscription {
  username: string
  password: string
  last_ip: string | null
  is_mag: Flag
  is_e2: Flag
  allowed_ua: string[]
  pair_id: number | null
  last_activity: number | null
  active_connections: number
}

export interface SimMag {
  mag_id: number
  user_id: number
  mac: string
  stb_type: string
  sn: string
  ver: string
  image_version: string
  hw_version: string
  device_id: string
  device_id2: string
  parent_password: string
  ip: string | null
  lock_device: Flag
  created: number
}

export interface SimEnigma {
  device_id: number
  user_id: number
  mac: string
  modem_mac: string
  local_ip: string
  public_ip: string
  enigma_version: string
  cpu: string
  lversion: string
  token: string
  lock_device: Flag
  created: number
}

/** Activation codes look like `lines` rows plus `code` (panel-api §9.3). */
export interface SimActiveCode extends SimSubscription {
  code: string
}

/** What an activity_logs row and a live_connections row share (panel-api §5). */
interface SimConnection {
  activity_id: number
  user_id: number
  stream_id: number
  stream_display_name: string
  type: 'live' | 'movie' | 'series'
  server_id: number
  user_agent: string
  user_ip: string
  isp: string
  container: string
  date_start: number
  geoip_country_code: string
}

export interface SimActivity extends SimConnection {
  date_end: number
}

export interface SimLive extends SimConnection {
  uuid: string
  divergence: number
}

/** users_logs row (panel-api §5 user_logs, §7). */
export interface SimUserLog {
  id: number
  owner: number
  type: 'line' | 'mag' | 'enigma' | 'user' | 'activecode'
  action: 'new' | 'extend' | 'edit' | 'adjust_credits'
  log_id: number
  package_id: number | null
  cost: number
  credits_after: number
  date: number
}

export interface SimulatorState {
  readonly seed: number
  now: () => number
  variants: SimulatorVariants
  /** Panel settings that affect the API (panel-api §7 canGenerateTrials). */
  settings: { disable_trial: boolean }
  /** The user whose key is `apiKey` (the API reseller). */
  resellerId: number
  bouquets: SimBouquet[]
  groups: Map<number, SimGroup>
  packages: Table<SimPackage>
  users: Table<SimUser>
  lines: Table<SimLine>
  /** lower(username) → line id; line usernames are unique case-insensitively (panel-api §9.2). */
  usernames: Map<string, number>
  mags: Table<SimMag>
  /** lower(mac) → mag_id; uniqueness is per table, case-insensitive, separators significant (panel-api §9.1). */
  magMacs: Map<string, number>
  magByLine: Map<number, number>
  enigmas: Table<SimEnigma>
  enigmaMacs: Map<string, number>
  enigmaByLine: Map<number, number>
  activecodes: Table<SimActiveCode>
  /** lower(code) → activecode id. */
  codes: Map<string, number>
  activity: Table<SimActivity>
  live: Table<SimLive>
  userLogs: Table<SimUserLog>
  ledger: LedgerEntry[]
  nextId: {
    line: number
    mag: number
    enigma: number
    activecode: number
    user: number
    activity: number
    live: number
    userLog: number
  }
  /** Runtime PRNG (generated credentials/codes), deterministic per seed and call sequence. */
  rng: () => number
}
