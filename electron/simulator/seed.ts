/**
 * Deterministic state: the same options give the same panel, row for row.
 * Each kind of data has its own PRNG stream so changing one count does not
 * reshuffle the others. 100k lines seed in well under a second.
 */
import type { SimulatorOptions } from './types'
import { DEFAULT_VARIANTS } from './types'
import type { SimUser, SimulatorState } from './model'
import { Table } from './table'
import { type Rng, chance, pick, randHex, randInt, streamRng } from './prng'
import { generateString } from './validate'
import { addUser } from './store'
import {
  ADMIN_ID,
  BOUQUETS,
  FIRST_NAMES,
  FOREIGN_RESELLER_ID,
  FOREIGN_SUB_ID,
  NOTES,
  RESELLER_GROUP,
  RESELLER_ID,
  SUB_GROUP,
  seedGroups,
  seedPackages,
} from './seedData'
import { seedLogs } from './seedLogs'
import { seedCodes, seedDevices, seedLines } from './seedRows'

export const DEFAULT_COUNTS = { lines: 200, mags: 40, enigmas: 20, activecodes: 30, subResellers: 8, credits: 1000 }
const DAY = 86400

export function defaultApiKey(seed: number): string {
  return randHex(streamRng(seed, 99), 32)
}

export function createSimulatorState(opts: SimulatorOptions = {}): SimulatorState {
  const seed = opts.seed ?? 1
  const now = opts.now ?? Date.now
  const nowSec = Math.floor(now() / 1000)
  const apiKey = opts.apiKey ?? defaultApiKey(seed)
  if (!/^[0-9a-fA-F]{32}$/.test(apiKey)) throw new Error('apiKey must be 32 hex characters')
  const st: SimulatorState = {
    seed,
    now,
    variants: { ...DEFAULT_VARIANTS, ...opts.variants },
    settings: { disable_trial: false },
    resellerId: RESELLER_ID,
    bouquets: BOUQUETS.map((b) => ({ ...b })),
    groups: new Map(seedGroups().map((g) => [g.group_id, g])),
    packages: new Table((p) => p.id),
    users: new Table((u) => u.id),
    lines: new Table((l) => l.id),
    usernames: new Map(),
    mags: new Table((m) => m.mag_id),
    magMacs: new Map(),
    magByLine: new Map(),
    enigmas: new Table((e) => e.device_id),
    enigmaMacs: new Map(),
    enigmaByLine: new Map(),
    activecodes: new Table((a) => a.id),
    codes: new Map(),
    activity: new Table((a) => a.activity_id),
    live: new Table((a) => a.activity_id),
    userLogs: new Table((l) => l.id),
    ledger: [],
    nextId: { line: 1, mag: 1, enigma: 1, activecode: 1, user: 1, activity: 1, live: 1, userLog: 1 },
    rng: streamRng(seed, 7),
  }
  for (const p of seedPackages()) st.packages.insert(p)
  const count = (k: keyof typeof DEFAULT_COUNTS): number => opts[k] ?? DEFAULT_COUNTS[k]
  seedUsers(st, streamRng(seed, 1), nowSec, count('subResellers'), count('credits'), apiKey)
  const owners = ownerPicker(st)
  seedLines(st, streamRng(seed, 2), nowSec, count('lines'), owners)
  seedDevices(st, streamRng(seed, 3), nowSec, count('mags'), count('enigmas'), owners)
  seedCodes(st, streamRng(seed, 4), nowSec, count('activecodes'), owners)
  seedLogs(st, streamRng(seed, 5), nowSec)
  return st
}

function user(
  id: number,
  username: string,
  group: number,
  owner: number | null,
  credits: number,
  key: string,
  nowSec: number,
  rng: Rng,
): SimUser {
  return {
    id,
    username,
    password: generateString(rng, 12),
    email: `${username}@example.com`,
    ip: `10.${randInt(rng, 0, 255)}.${randInt(rng, 0, 255)}.${randInt(rng, 1, 254)}`,
    date_registered: nowSec - randInt(rng, 30, 900) * DAY,
    last_login: nowSec - randInt(rng, 0, 20) * DAY,
    member_group_id: group,
    credits,
    notes: '',
    status: 1,
    reseller_dns: '',
    owner_id: owner,
    override_packages: {},
    api_key: key,
    timezone: 'UTC',
  }
}

function seedUsers(st: SimulatorState, rng: Rng, nowSec: number, subs: number, credits: number, apiKey: string): void {
  const keyRng = streamRng(st.seed, 98)
  addUser(st, user(ADMIN_ID, 'admin', 1, null, 0, randHex(keyRng, 32), nowSec, rng))
  addUser(
    st,
    user(FOREIGN_RESELLER_ID, 'otherreseller', RESELLER_GROUP, ADMIN_ID, 700, randHex(keyRng, 32), nowSec, rng),
  )
  const me = addUser(st, user(RESELLER_ID, 'myreseller', RESELLER_GROUP, ADMIN_ID, credits, apiKey, nowSec, rng))
  me.email = 'reseller@example.com'
  me.reseller_dns = 'my.dns.com'
  me.notes = 'API reseller <main>'
  // Per-user price override (panel-api §7): package 2 costs 12 instead of 13 for us.
  me.override_packages = { '2': { official_credits: 12 } }
  addUser(st, user(FOREIGN_SUB_ID, 'othersub01', SUB_GROUP, FOREIGN_RESELLER_ID, 40, randHex(keyRng, 32), nowSec, rng))
  for (let i = 0; i < subs; i++) {
    const id = st.nextId.user
    // First three hang directly under us; the rest form a deeper tree (indirect sub-resellers).
    const owner =
      i < 3
        ? RESELLER_ID
        : pick(rng, [RESELLER_ID, ...st.users.rows.filter((u) => u.id > FOREIGN_SUB_ID).map((u) => u.id)])
    const name = `${pick(rng, FIRST_NAMES)}${pick(rng, ['shop', 'tv', 'iptv', 'media', 'stream'])}${id}`
    const u = addUser(st, user(id, name, SUB_GROUP, owner, randInt(rng, 0, 300), randHex(keyRng, 32), nowSec, rng))
    u.reseller_dns = chance(rng, 0.5) ? `${name}.tv-dns.net` : ''
    u.notes = chance(rng, 0.3) ? pick(rng, NOTES) : ''
    if (i === subs - 1 && subs >= 4) u.status = 0
  }
}

export type OwnerPicker = (rng: Rng) => number

/** ~55% ours, ~40% sub-resellers', ~5% outside our tree (for ownership checks). */
function ownerPicker(st: SimulatorState): OwnerPicker {
  const subs = st.users.rows.filter((u) => u.id > FOREIGN_SUB_ID).map((u) => u.id)
  return (rng) => {
    const r = rng()
    if (r < 0.55 || subs.length === 0) return r < 0.95 ? RESELLER_ID : FOREIGN_RESELLER_ID
    if (r < 0.95) return pick(rng, subs)
    return r < 0.975 ? FOREIGN_RESELLER_ID : FOREIGN_SUB_ID
  }
}
