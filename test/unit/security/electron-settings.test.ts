/**
 * Promise 5, the settings half: nothing in electron/ weakens Electron's
 * defences, the window keeps the hardened preferences, and the page's
 * Content-Security-Policy (meta tag in src/index.html, the header main and the
 * loopback host send, and the built page when there is one) forbids eval,
 * inline scripts and plugins.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_CSP, contentSecurityPolicy, META_CSP } from '../../../electron/main/csp'
import { WEB_PREFERENCES } from '../../../electron/main/window'
import { ROOT, sourceFiles, withoutComments } from './source-files'

const WEAKENED: [string, RegExp][] = [
  ['sandbox: false', /\bsandbox\s*:\s*false\b/],
  ['nodeIntegration: true', /\bnodeIntegration(?:InWorker|InSubFrames)?\s*:\s*true\b/],
  ['contextIsolation: false', /\bcontextIsolation\s*:\s*false\b/],
  ['webviewTag: true', /\bwebviewTag\s*:\s*true\b/],
  ['webSecurity: false', /\bwebSecurity\s*:\s*false\b/],
  ['allowRunningInsecureContent: true', /\ballowRunningInsecureContent\s*:\s*true\b/],
  ['enableRemoteModule (any value)', /\benableRemoteModule\b/],
  ['@electron/remote', /@electron\/remote/],
  ['experimentalFeatures: true', /\bexperimentalFeatures\s*:\s*true\b/],
  // Electron checklist items 10 and 18 (docs/SECURITY.md): no Blink feature switches; app:// never bypasses the CSP.
  ['enableBlinkFeatures (any value)', /\benableBlinkFeatures\b/],
  ['bypassCSP: true', /\bbypassCSP\s*:\s*true\b/],
  ['a command-line switch that turns a defence off', /appendSwitch\(\s*['"](?:no-sandbox|disable-web-security|ignore-certificate-errors|allow-running-insecure-content|disable-site-isolation-trials)/],
  ['app.disableSandbox', /\bdisableSandbox\s*\(/],
  ['TLS checks turned off', /rejectUnauthorized\s*:\s*false|NODE_TLS_REJECT_UNAUTHORIZED|setCertificateVerifyProc/],
  ["accepting a bad certificate ('certificate-error')", /['"]certificate-error['"]/],
]

describe('no weakened Electron setting anywhere in electron/', () => {
  const files = sourceFiles('electron')

  it('looked at the whole tree', () => {
    expect(files.length).toBeGreaterThan(100)
    expect(files.map((f) => f.rel)).toEqual(expect.arrayContaining(['electron/main/window.ts', 'electron/preload/index.ts', 'electron/main/security.ts']))
  })

  it.each(WEAKENED)('%s: none', (_what, re) => {
    const hits = files.filter((f) => re.test(withoutComments(f.text))).map((f) => f.rel)
    expect(hits).toEqual([])
  })

  it('the checks do catch a weakened setting (guards the regexes)', () => {
    const bad = "new BrowserWindow({ webPreferences: { sandbox: false, nodeIntegration: true, contextIsolation: false, webviewTag: true, webSecurity: false, allowRunningInsecureContent: true, enableRemoteModule: true } })"
    const caught = WEAKENED.filter(([, re]) => re.test(bad)).map(([w]) => w)
    expect(caught).toHaveLength(7)
    expect(WEAKENED.some(([, re]) => re.test("app.commandLine.appendSwitch('no-sandbox')"))).toBe(true)
    // …and a mention in a comment is not a use
    expect(WEAKENED.some(([, re]) => re.test(withoutComments('// never set sandbox: false here\n/* webSecurity: false */')))).toBe(false)
  })

  it('the only window is made with the hardened preferences and a preload', () => {
    // Written out on purpose, like window.test.ts: the hardened set is stated twice so one edit cannot weaken it.
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    })
    const makers = files.filter((f) => /new\s+BrowserWindow\s*\(/.test(withoutComments(f.text))).map((f) => f.rel)
    expect(makers).toEqual(['electron/main/window.ts'])
    const window = files.find((f) => f.rel === 'electron/main/window.ts')!.text
    expect(window).toMatch(/webPreferences:\s*\{\s*\.\.\.WEB_PREFERENCES,\s*preload:/)
  })
})

/** CSP text → directive name → its sources. */
function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) out.set(name.toLowerCase(), sources)
  }
  return out
}

function metaPolicy(html: string): string | null {
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1] ?? null
}

function expectStrict(policy: string, where: string) {
  const d = directives(policy)
  expect(policy, where).not.toMatch(/'unsafe-eval'|'wasm-unsafe-eval'|'unsafe-hashes'/)
  // scripts come from the app only: script-src, or default-src when script-src is absent
  const scripts = d.get('script-src') ?? d.get('default-src')
  expect(scripts, `${where}: script sources`).toBeDefined()
  for (const s of scripts!) expect(["'self'"], `${where}: script source ${s}`).toContain(s)
  expect(d.get('default-src'), where).toEqual(["'self'"])
  expect(d.get('object-src'), where).toEqual(["'none'"])
  expect(d.get('base-uri'), where).toEqual(["'none'"])
  for (const [name, sources] of d) {
    // no wildcard or scheme-wide source except ws:// to the loopback host
    for (const s of sources) expect(/^\*$|^https?:$|^https?:\/\/\*|^blob:$|^filesystem:$/.test(s), `${where}: ${name} ${s}`).toBe(false)
  }
}

describe('Content-Security-Policy', () => {
  it("src/index.html's meta policy: no eval, no inline script, object-src 'none'", () => {
    const policy = metaPolicy(readFileSync(join(ROOT, 'src/index.html'), 'utf8'))
    expect(policy).not.toBeNull()
    expectStrict(policy!, 'src/index.html')
  })

  it('the header main sends (and its meta twin) and the loopback host sends: the same', () => {
    expectStrict(APP_CSP, 'APP_CSP')
    expectStrict(META_CSP, 'META_CSP')
    expect(directives(APP_CSP).get('frame-ancestors')).toEqual(["'none'"])
    const loopback = contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:4321', 'ws://localhost:4321'] })
    expectStrict(loopback, 'loopback')
    expect(directives(loopback).get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4321', 'ws://localhost:4321'])
  })

  it('the built page (out/renderer/index.html), when there is one, ships a strict policy and no inline script', () => {
    const built = join(ROOT, 'out/renderer/index.html')
    if (!existsSync(built)) return expect(existsSync(join(ROOT, 'src/index.html'))).toBe(true)
    const html = readFileSync(built, 'utf8')
    const policy = metaPolicy(html)
    expect(policy).not.toBeNull()
    expectStrict(policy!, 'out/renderer/index.html')
    // every <script> has a src (an inline one would be refused by the policy and means a broken build)
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(m[1], 'script tag').toMatch(/\bsrc=/)
      expect(m[2]!.trim()).toBe('')
    }
  })

  it('the policy checks do catch a weak policy', () => {
    expect(() => expectStrict("default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'none'", 'x')).toThrow()
    expect(() => expectStrict("default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'", 'x')).toThrow()
    expect(() => expectStrict("default-src 'self'; script-src 'self'; base-uri 'none'", 'x')).toThrow()
    expect(() => expectStrict("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; img-src *", 'x')).toThrow()
  })
})
