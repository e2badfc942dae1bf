/**
 * Seeded lines, MAG/Enigma2 devices (each with its own line) and activation codes,
 * with a spread of statuses around "now".
 */
import type { Flag, SimLine, SimPackage, SimulatorState } from './model'
import { type Rng, pick, randHex, randInt } from './prng'
import { generateCode, generateString } from './validate'
import { addActiveCode, addEnigma, addLine, addMag, bouquetOrder } from './store'
import {
  E2_MAC_PREFIXES,
  E2_VERSIONS,
  FIRST_NAMES,
  FOREIGN_RESELLER_ID,
  LAST_NAMES,
  MAG_STB_TYPES,
  NOTES,
  RESELLER_GROUP,
  RESELLER_ID,
  SEPARATORS,
} from './seedData'
import type { OwnerPicker } from './seed'

const DAY = 86400

interface Lifecycle {
  exp_date: number | null
  created_at: number
  enabled: Flag
  admin_enabled: Flag
  is_trial: Flag
}

/** A spread of statuses: active (some expiring within 7 days), disabled, banned, expired, trial, unlimited. */
function lifecycle(rng: Rng, nowSec: number): Lifecycle {
  const r = rng()
  const created = nowSec - randInt(rng, 1, 400) * DAY - randInt(rng, 0, DAY)
  const base: Lifecycle = {
    exp_date: nowSec + randInt(rng, 8, 365) * DAY,
    created_at: created,
    enabled: 1,
    admin_enabled: 1,
    is_trial: 0,
  }
  if (r < 0.1)
    base.exp_date = nowSec + randInt(rng, 3600, 7 * DAY) // expiring soon
  else if (r < 0.55) return base
  else if (r < 0.63) base.enabled = 0
  else if (r < 0.66) base.admin_enabled = 0
  else if (r < 0.8) base.exp_date = nowSec - randInt(rng, 1, 200) * DAY
  else if (r < 0.9) {
    base.is_trial = 1
    base.created_at = nowSec - randInt(rng, 0, 60) * DAY - randInt(rng, 0, DAY)
    base.exp_date = base.created_at + DAY
  } else base.exp_date = null
  return base
}

/** What a seeded line and a seeded code take from their lifecycle and package (draws one rng value, for the notes). */
function seededTerms(st: SimulatorState, rng: Rng, pkg: SimPackage, life: Lifecycle) {
  return {
    admin_enabled: life.admin_enabled,
    enabled: life.enabled,
    admin_notes: '',
    reseller_notes: rng() < 0.3 ? pick(rng, NOTES) : '',
    bouquet: [...pkg.bouquets].sort(bouquetOrder(st)),
    allowed_outputs: [...pkg.output_formats],
    max_connections: pkg.max_connections,
  }
}

function makeLine(
  st: SimulatorState,
  rng: Rng,
  nowSec: number,
  owner: number,
  username: string,
  password: string,
  pkg: SimPackage,
  life: Lifecycle,
): SimLine {
  const active = rng() < 0.5
  return {
    id: st.nextId.line,
    member_id: owner,
    username,
    password,
    last_ip: active ? `84.${randInt(rng, 0, 255)}.${randInt(rng, 0, 255)}.${randInt(rng, 1, 254)}` : null,
    exp_date: life.exp_date,
    ...seededTerms(st, rng, pkg, life),
    is_restreamer: pkg.is_restreamer,
    is_trial: life.is_trial,
    is_mag: 0,
    is_e2: 0,
    is_isplock: rng() < 0.1 ? 1 : 0,
    allowed_ips: rng() < 0.05 ? ['84.12.33.7'] : [],
    allowed_ua: [],
    created_at: life.created_at,
    pair_id: null,
    force_server_id: 0,
    forced_country: '',
    package_id: pkg.id,
    contact: '',
    last_activity: active ? nowSec - randInt(rng, 60, 30 * DAY) : null,
    active_connections: 0,
  }
}

/** Keeps seeded recent trials of the API reseller below the quota, so trial creation works out of the box. */
function trialOwner(
  st: SimulatorState,
  rng: Rng,
  owner: number,
  life: Lifecycle,
  nowSec: number,
  budget: { left: number },
): number {
  if (owner !== RESELLER_ID || !life.is_trial) return owner
  if (life.created_at < nowSec - 10 * DAY) return owner
  if (budget.left > 0) {
    budget.left--
    return owner
  }
  const subs = st.users.rows.filter((u) => u.owner_id === RESELLER_ID)
  return subs.length ? pick(rng, subs).id : FOREIGN_RESELLER_ID
}

export function seedLines(st: SimulatorState, rng: Rng, nowSec: number, count: number, owners: OwnerPicker): void {
  const linePkgs = st.packages.rows.filter((p) => p.is_line && p.id !== 9 && p.id !== 10)
  const trialPkgs = linePkgs.filter((p) => p.is_trial)
  const budget = { left: 3 }
  for (let i = 0; i < count; i++) {
    const life = lifecycle(rng, nowSec)
    const owner = trialOwner(st, rng, owners(rng), life, nowSec, budget)
    let username = `${pick(rng, FIRST_NAMES)}${pick(rng, SEPARATORS)}${pick(rng, LAST_NAMES)}${randInt(rng, 1, 99)}`
    if (username.length < 8) username += randInt(rng, 100, 999)
    while (st.usernames.has(username.toLowerCase())) username += randInt(rng, 0, 9)
    const password = rng() < 0.7 ? generateString(rng, 10) : `${pick(rng, LAST_NAMES)}${randInt(rng, 1000, 9999)}`
    const pkg = pick(rng, life.is_trial ? trialPkgs : linePkgs)
    addLine(st, makeLine(st, rng, nowSec, owner, username, password, pkg, life))
  }
}

function uniqueMac(rng: Rng, prefix: string, taken: Map<string, number>): string {
  for (;;) {
    const mac = `${prefix}:${randHex(rng, 2)}:${randHex(rng, 2)}:${randHex(rng, 2)}`.toUpperCase()
    if (!taken.has(mac.toLowerCase())) return mac
  }
}

/** MAG and Enigma2 devices, each with its own line row with 32-char credentials (panel-api §4). */
export function seedDevices(
  st: SimulatorState,
  rng: Rng,
  nowSec: number,
  mags: number,
  enigmas: number,
  owners: OwnerPicker,
): void {
  const devPkgs = st.packages.rows.filter((p) => p.is_mag && p.groups.includes(RESELLER_GROUP))
  const budget = { left: 0 }
  for (let i = 0; i < mags + enigmas; i++) {
    const isMag = i < mags
    const life = lifecycle(rng, nowSec)
    const owner = trialOwner(st, rng, owners(rng), life, nowSec, budget)
    const line = makeLine(
      st,
      rng,
      nowSec,
      owner,
      generateString(rng, 32),
      generateString(rng, 32),
      pick(rng, devPkgs),
      life,
    )
    line.is_mag = isMag ? 1 : 0
    line.is_e2 = isMag ? 0 : 1
    addLine(st, line)
    if (isMag) {
      addMag(st, {
        mag_id: st.nextId.mag,
        user_id: line.id,
        mac: uniqueMac(rng, '00:1A:79', st.magMacs),
        stb_type: pick(rng, MAG_STB_TYPES),
        sn: randHex(rng, 13).toUpperCase(),
        ver: 'ImageDescription: 0.2.18-r23-250',
        image_version: '218',
        hw_version: '1.7-BD-00',
        device_id: randHex(rng, 64),
        device_id2: randHex(rng, 64),
        parent_password: '0000',
        ip: line.last_ip,
        lock_device: 0,
        created: line.created_at,
      })
    } else {
      addEnigma(st, {
        device_id: st.nextId.enigma,
        user_id: line.id,
        mac: uniqueMac(rng, pick(rng, E2_MAC_PREFIXES), st.enigmaMacs),
        modem_mac: '',
        local_ip: `192.168.1.${randInt(rng, 2, 250)}`,
        public_ip: line.last_ip ?? '',
        enigma_version: pick(rng, E2_VERSIONS),
        cpu: pick(rng, ['BCM7252S', 'BCM73625', 'ARMv7']),
        lversion: '1.1',
        token: randHex(rng, 32),
        lock_device: 0,
        created: line.created_at,
      })
    }
  }
}

export function seedCodes(st: SimulatorState, rng: Rng, nowSec: number, count: number, owners: OwnerPicker): void {
  const pkgs = st.packages.rows.filter((p) => p.is_line && p.groups.includes(RESELLER_GROUP) && p.id !== 10)
  const budget = { left: 0 }
  for (let i = 0; i < count; i++) {
    const life = lifecycle(rng, nowSec)
    const owner = trialOwner(st, rng, owners(rng), life, nowSec, budget)
    const pkg = pick(rng, pkgs)
    let code = generateCode(rng, 10)
    while (st.codes.has(code)) code = generateCode(rng, 10)
    addActiveCode(st, {
      id: st.nextId.activecode,
      member_id: owner,
      code,
      // Panel-created codes stay exp_date=null until first watch ("OnWatch", panel-api §9.3).
      exp_date: rng() < 0.25 ? null : life.exp_date,
      ...seededTerms(st, rng, pkg, life),
      is_restreamer: 0,
      is_trial: life.is_trial,
      is_isplock: 0,
      allowed_ips: [],
      created_at: life.created_at,
      force_server_id: 0,
      forced_country: '',
      package_id: pkg.id,
      contact: '',
    })
  }
}
