/**
 * Flags of `npm run dev:browser`. Kept apart from cli.ts so they are tested
 * without starting anything.
 */
import { parseArgs } from 'node:util'

export interface CliOptions {
  demo: boolean
  build: boolean
  memoryKeys: boolean
  /** null = the platform's app-data folder (main/data-dir.ts). */
  dataDir: string | null
  /** 0 = any free port. */
  port: number
  help: boolean
}

export const USAGE = `Usage: npm run dev:browser -- [options]

Serves the real app (same core, same page) to your browser on 127.0.0.1.

  --demo              start the built-in demo panel and add it as "Demo panel"
  --data-dir <path>   where profiles, cache and journal live (default: the app's data folder)
  --port <n>          listen on this port (default: a free one)
  --memory-keys       keep API keys in memory only (default: the OS keychain)
  --build             rebuild the page first (it is built anyway when out/renderer is missing)
  -h, --help          show this help`

export type ParsedCli = { ok: true; options: CliOptions } | { ok: false; message: string }

export function parseCliArgs(argv: string[]): ParsedCli {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        demo: { type: 'boolean' },
        build: { type: 'boolean' },
        'memory-keys': { type: 'boolean' },
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (e) {
    // node:util's messages name the flag ("Unknown option '--dmeo'"); keep them.
    return { ok: false, message: e instanceof Error ? e.message.split('\n')[0]! : String(e) }
  }
  let port = 0
  if (values.port !== undefined) {
    const raw = String(values.port)
    port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      return { ok: false, message: `--port must be a number from 0 to 65535, not '${raw}'` }
  }
  let dataDir: string | null = null
  if (values['data-dir'] !== undefined) {
    dataDir = String(values['data-dir']).trim()
    if (!dataDir) return { ok: false, message: '--data-dir needs a folder path' }
  }
  return {
    ok: true,
    options: {
      demo: values.demo === true,
      build: values.build === true,
      memoryKeys: values['memory-keys'] === true,
      dataDir,
      port,
      help: values.help === true,
    },
  }
}

/**
 * The one stdout line the end-to-end tests parse: `XM Reseller Desk: http://127.0.0.1:PORT/#token=…`
 * (the token in the fragment: the browser never sends it anywhere; see host.ts).
 */
export const READY_PREFIX = 'XM Reseller Desk: '
export const READY_LINE_RE = /^XM Reseller Desk: (http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+))$/m
