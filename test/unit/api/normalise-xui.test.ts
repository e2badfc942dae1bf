/**
 * Real-server-shaped answers (panel-api §3-§6): numbers as strings, JSON-string
 * arrays, HTML-escaped text, date strings, the permissions sibling, mags whose
 * `id` is the line id, Redis-mode live connections.
 */
import { describe, expect, it } from 'vitest'
import {
  AccountInfo,
  ActivityLog,
  CreditLog,
  EnigmaDevice,
  Line,
  LiveConnection,
  MagDevice,
  Package,
  SubReseller,
} from '../../../electron/shared/domain'
import { parseResponse } from '../../../electron/core/api/parse'
import { fixture } from './fixtures'

// Alike on purpose: each test parses one fixture and spells out the domain row it must become.
describe('XUI-shaped answers → domain', () => {
  it('user_info reads the sibling permissions object, strings and escapes', () => {
    const info = parseResponse('user_info', 200, fixture('xui/user_info.json'))
    expect(AccountInfo.parse(info)).toEqual(info)
    expect(info).toMatchObject({
      id: 152,
      username: 'my<reseller>',
      credits: 485.5,
      enabled: true,
      memberGroupId: 3,
      createdAt: 1705314600,
    })
    expect(info.permissions).toEqual({
      allowChangeUsername: true,
      allowChangePassword: false,
      allowChangeBouquets: true,
      allowRestrictions: true,
      minUsernameLength: 10,
      minPasswordLength: 8, // "" → the schema default
      totalAllowedTrials: 5,
      createSubResellerPrice: 10,
      minCodeLength: 10,
      maxCodeLength: 12,
    })
  })

  it('packages in the XUI shape', () => {
    const pkgs = parseResponse('packages', 200, fixture('xui/packages.json'))
    for (const p of pkgs) expect(Package.parse(p)).toEqual(p)
    // Spelled out on purpose, not built with test/helpers/rows.ts: this is what the fixture must parse into.
    expect(pkgs[0]).toEqual({
      id: 1,
      name: '1 Month & More',
      isTrial: true,
      isOfficial: true,
      officialCredits: 5,
      trialCredits: 0,
      officialDuration: 1,
      officialDurationIn: 'months',
      trialDuration: 24,
      trialDurationIn: 'hours',
      isLine: true,
      isMag: true,
      isEnigma: false,
      groups: [1, 3],
      bouquets: [1, 2, 5],
      maxConnections: 1,
    })
    expect(pkgs[1]).toMatchObject({
      id: 7,
      officialCredits: 40,
      officialDurationIn: 'years',
      trialDurationIn: 'days',
      isMag: false,
      isEnigma: true,
      bouquets: [],
    })
  })

  it('get_line: full lines row with strings, JSON strings and escaped text', () => {
    const line = parseResponse('get_line', 200, fixture('xui/get_line.json'), { id: 4521 })
    expect(Line.parse(line)).toEqual(line)
    expect(line).toEqual({
      id: 4521,
      username: 'customer1',
      password: 's3cure&pass',
      memberId: 152,
      ownerName: null,
      packageId: 1,
      expDate: 1740000000,
      createdAt: 1736951400,
      enabled: false,
      adminEnabled: true,
      isTrial: true,
      isIspLock: true,
      maxConnections: 2,
      activeConnections: 0,
      allowedIps: ['1.2.3.4', '5.6.7.8'],
      bouquets: [1, 4, 7],
      resellerNotes: 'VIP <b>gold</b> "x" it\'s',
      lastActivity: null,
    })
  })

  it('get_lines with recordsTotal as a string; unreadable rows skipped and counted', () => {
    const res = parseResponse('get_lines', 200, fixture('xui/get_lines.json'), {})
    expect(res.total).toBe(123)
    expect(res.skipped).toBe(3)
    expect(res.rows.map((r) => r.id)).toEqual([4521, 4522])
    // The garbage rows came after the good ones: each row's place in the panel's array.
    expect(res.rawAt).toEqual([0, 1])
    for (const r of res.rows) expect(Line.parse(r)).toEqual(r)
    expect(res.rows[0]).toMatchObject({
      ownerName: 'myreseller',
      activeConnections: 2,
      lastActivity: 1740001000,
      resellerNotes: 'a & b',
    })
    expect(res.rows[1]).toMatchObject({ expDate: null, adminEnabled: false, isTrial: true })
  })

  it('a list with unreadable rows in between says where each read row sat in the panel’s array', () => {
    const body = JSON.stringify({ status: 'STATUS_SUCCESS', data: ['junk', { id: '7', username: 'a' }, null, 5, { id: 8, username: 'b' }] })
    const res = parseResponse('get_lines', 200, body, {})
    expect(res.rows.map((r) => r.id)).toEqual([7, 8])
    expect(res.skipped).toBe(3)
    expect(res.rawAt).toEqual([1, 4])
  })

  it('a list without recordsTotal has total null', () => {
    const res = parseResponse('get_lines', 200, fixture('xui/get_lines_nocount.json'), {})
    expect(res).toMatchObject({ total: null, skipped: 0 })
    expect(res.rawAt).toBeUndefined()
    expect(res.rows[0]).toMatchObject({ id: 9, expDate: null })
  })

  it('get_mags: `id` is the line id, `mag_id` the device id; MACs canonical', () => {
    const res = parseResponse('get_mags', 200, fixture('xui/get_mags.json'), {})
    expect(res.total).toBe(1)
    const mag = res.rows[0]!
    expect(MagDevice.parse(mag)).toEqual(mag)
    expect(mag).toMatchObject({
      id: 301,
      lineId: 7001,
      mac: '00:1A:79:AB:CD:EF',
      stbType: 'MAG254',
      username: 'Ab3dEfGhJkMnPqRsTuVwXyZ23456789a',
    })
  })

  it('get_mag: device row with the line in `user`', () => {
    const mag = parseResponse('get_mag', 200, fixture('xui/get_mag.json'), { id: 301 })
    expect(MagDevice.parse(mag)).toEqual(mag)
    expect(mag).toEqual({
      id: 301,
      lineId: 7001,
      mac: '00:1A:79:AB:CD:EF',
      username: 'Ab3dEfGhJkMnPqRsTuVwXyZ23456789a',
      password: 'Zz3dEfGhJkMnPqRsTuVwXyZ23456789b',
      stbType: 'MAG254',
      memberId: 152,
      ownerName: null,
      packageId: 1,
      expDate: 1740000000,
      createdAt: 1736951400,
      enabled: true,
      adminEnabled: true,
      isTrial: false,
      isIspLock: true,
      maxConnections: 1,
      activeConnections: null,
      allowedIps: ['198.51.100.7'],
      bouquets: [2, 3],
      resellerNotes: 'lobby',
    })
  })

  it('get_enigmas: `device_id` is the device id', () => {
    const res = parseResponse('get_enigmas', 200, fixture('xui/get_enigmas.json'), {})
    const e2 = res.rows[0]!
    expect(EnigmaDevice.parse(e2)).toEqual(e2)
    expect(e2).toMatchObject({
      id: 501,
      lineId: 7101,
      mac: 'AA:BB:CC:DD:EE:FF',
      publicIp: '203.0.113.9',
      enabled: false,
      isTrial: true,
      expDate: null,
    })
  })

  it('get_users: date strings, status as enabled, escaped notes', () => {
    const res = parseResponse('get_users', 200, fixture('xui/get_users.json'), {})
    const u = res.rows[0]!
    expect(SubReseller.parse(u)).toEqual(u)
    expect(u).toEqual({
      id: 88,
      username: 'subreseller1',
      email: 'sub@example.com',
      credits: 100.5,
      enabled: true,
      ownerId: 152,
      ownerName: 'myreseller',
      memberGroupId: null,
      groupName: 'Resellers',
      notes: 'sub <one>',
      resellerDns: '',
      ip: '',
      dateRegistered: Date.UTC(2024, 2, 1, 12) / 1000,
      lastLogin: null,
      lineCount: 12,
    })
  })

  it('user_logs → CreditLog', () => {
    const res = parseResponse('user_logs', 200, fixture('xui/user_logs.json'), {})
    for (const r of res.rows) expect(CreditLog.parse(r)).toEqual(r)
    expect(res.rows).toEqual([
      {
        id: 55,
        ownerName: 'myreseller',
        type: 'line',
        action: 'new',
        targetId: 4521,
        packageId: 1,
        cost: 5,
        creditsAfter: 480,
        date: 1736951400,
      },
      {
        id: 56,
        ownerName: 'myreseller',
        type: 'user',
        action: 'adjust_credits',
        targetId: 88,
        packageId: null,
        cost: 50,
        creditsAfter: 430,
        date: 1736951500,
      },
    ])
  })

  it('activity_logs → ActivityLog (device type from is_mag/is_e2)', () => {
    const res = parseResponse('activity_logs', 200, fixture('xui/activity_logs.json'), {})
    const a = res.rows[0]!
    expect(ActivityLog.parse(a)).toEqual(a)
    expect(res.total).toBeNull()
    expect(a).toMatchObject({
      id: 9001,
      deviceType: 'mag',
      isp: 'ISP & Co',
      country: 'DE',
      dateStart: 1736951400,
      dateEnd: 1736955000,
      streamName: 'News HD',
    })
  })

  it('live_connections in Redis mode (uuid activity_id) get a stable numeric id', () => {
    const a = parseResponse('live_connections', 200, fixture('xui/live_connections.json'), {})
    const b = parseResponse('live_connections', 200, fixture('xui/live_connections.json'), {})
    const c = a.rows[0]!
    expect(LiveConnection.parse(c)).toEqual(c)
    expect(c.id).toBe(b.rows[0]!.id)
    expect(c.id).toBeGreaterThan(0)
    expect(c).toMatchObject({ deviceType: 'enigma', serverId: 2, lineId: 7101 })
  })

  it('create_activecode without `code` falls back to the code sent, else ""', () => {
    const body =
      '{"status":"STATUS_SUCCESS","data":{"id":"54181","package_id":"1","exp_date":"1740000000","enabled":"1","is_trial":0}}'
    expect(parseResponse('create_activecode', 200, body, { package: 1, trial: false, code: '1462484569' }).code).toBe(
      '1462484569',
    )
    expect(parseResponse('create_activecode', 200, body, { package: 1, trial: false }).code).toBe('')
  })

  it('create_mag answers with the get_mag shape', () => {
    const mag = parseResponse('create_mag', 200, fixture('xui/get_mag.json'), {
      mac: '00:1A:79:AB:CD:EF',
      package: 1,
      trial: false,
    })
    expect(mag).toMatchObject({ id: 301, lineId: 7001 })
  })

  it('convert_mag answers with the (same) line', () => {
    const line = parseResponse('convert_mag', 200, fixture('xui/get_line.json'), { id: 301 })
    expect(line.id).toBe(4521)
  })

  it('a list whose data is a JSON object (PHP non-sequential array) is read as rows', () => {
    const res = parseResponse(
      'get_lines',
      200,
      '{"status":"STATUS_SUCCESS","data":{"0":{"id":1},"2":{"id":3}},"recordsTotal":2}',
      {},
    )
    expect(res.rows.map((r) => r.id)).toEqual([1, 3])
  })
})
