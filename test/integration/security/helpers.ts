/**
 * Tools of the secret-handling audit: what a leaked key looks like (in any
 * form), catching everything written to the console and to stdout/stderr, and
 * reading every byte of a data folder.
 *
 * A leak is any of: the key itself, lower or upper case, URL-encoded once or
 * twice, base64, or ANY 12 consecutive characters of it (a truncated excerpt
 * still gives most of a key away). The key hint (last four characters) is
 * shorter than that on purpose: it is meant to be shown.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { waitFor } from '../../helpers/wait'

export { waitFor }

/** Distinctive 32-hex keys: easy to spot, impossible to confuse with seeded data. */
export const SECRET_KEY = 'deadbeefcafef00d5ec12e7ab1e0c0de'
/** A key the panel does not know (AUTH_INVALID); a secret all the same. */
export const WRONG_KEY = '0badc0de0badc0de0badc0de0badc0de'

const WINDOW = 12

function forms(key: string): string[] {
  const set = new Set<string>([
    key,
    key.toLowerCase(),
    key.toUpperCase(),
    encodeURIComponent(key),
    encodeURIComponent(encodeURIComponent(key)),
    Buffer.from(key).toString('base64'),
    Buffer.from(key).toString('base64url'),
    Buffer.from(key).toString('hex'),
  ])
  return [...set]
}

function windows(key: string): string[] {
  const k = key.toLowerCase()
  const out: string[] = []
  for (let i = 0; i + WINDOW <= k.length; i++) out.push(k.slice(i, i + WINDOW))
  return out
}

/** Where (and as what) a key shows in `text`, with a little context; null when it does not. */
export function findLeak(text: string, keys: readonly string[]): string | null {
  const lower = text.toLowerCase()
  for (const key of keys) {
    for (const f of forms(key)) {
      const i = text.indexOf(f)
      if (i >= 0) return `"${f}" at ${i}: …${text.slice(Math.max(0, i - 80), i + f.length + 40)}…`
    }
    for (const w of windows(key)) {
      const i = lower.indexOf(w)
      if (i >= 0) return `part "${w}" of a key at ${i}: …${text.slice(Math.max(0, i - 80), i + w.length + 40)}…`
    }
  }
  return null
}

/** Everything printed while active: console.* and raw process.stdout/stderr writes (passed through). */
export function captureOutput() {
  const lines: string[] = []
  const restore: (() => void)[] = []
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[m]
    console[m] = (...args: unknown[]) => {
      lines.push(`console.${m}: ${args.map((a) => (a instanceof Error ? `${a.stack ?? a.message}` : typeof a === 'string' ? a : safeJson(a))).join(' ')}`)
    }
    restore.push(() => {
      console[m] = original
    })
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream) as (...a: unknown[]) => boolean
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'))
      return original(chunk, ...rest)
    }) as typeof stream.write
    restore.push(() => {
      stream.write = original as typeof stream.write
    })
  }
  return {
    text: () => lines.join('\n'),
    count: () => lines.length,
    stop: () => {
      for (const r of restore.splice(0)) r()
    },
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v)
  } catch {
    return String(v)
  }
}

/** Every file under dir (recursively), with its bytes read as latin1 (byte-exact for an ASCII key). */
export function filesUnder(dir: string): { path: string; text: string; size: number }[] {
  const out: { path: string; text: string; size: number }[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    const st = statSync(p)
    if (st.isDirectory()) out.push(...filesUnder(p))
    else {
      const bytes = readFileSync(p)
      out.push({ path: p, text: bytes.toString('latin1'), size: bytes.length })
    }
  }
  return out
}

/** A fetch that records every request as it leaves (URL and body, key included: the test looks at what was SENT). */
export function recordingFetch() {
  const sent: { action: string; url: string; body: string }[] = []
  const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input)
    const body = typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : ''
    sent.push({ action: new URL(url).searchParams.get('action') ?? '?', url, body })
    return globalThis.fetch(input, init)
  }
  return { fetch: fetchFn as typeof fetch, sent }
}

