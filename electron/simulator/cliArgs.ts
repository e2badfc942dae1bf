/** Flag parsing for the simulator CLI (kept apart from cli.ts so it can be unit-tested). */
import type { SimulatorOptions } from './types'

export const USAGE = `Usage: npm run simulator -- [options]
  --port N            port to listen on (default 0 = random)
  --host H            address to bind (default 127.0.0.1)
  --access-code S     API access code in the URL (default demo)
  --api-key HEX32     API key, 32 hex characters (default derived from the seed)
  --seed N            data seed (default 1)
  --lines N           M3U lines to seed (default 200)
  --mags N --enigmas N --activecodes N --sub-resellers N
  --credits N         the reseller's starting balance (default 1000)
  --numeric-strings   real-server typing: truthy values as strings (panel-api §3)
  --no-counts         list envelope without recordsTotal/recordsFiltered (panel-api §5)
  --help              show this text`

export class CliError extends Error {}

export type CliResult = { help: true } | { help: false; options: SimulatorOptions }

const INT_FLAGS: Record<string, keyof SimulatorOptions> = {
  '--port': 'port',
  '--seed': 'seed',
  '--lines': 'lines',
  '--mags': 'mags',
  '--enigmas': 'enigmas',
  '--activecodes': 'activecodes',
  '--sub-resellers': 'subResellers',
  '--credits': 'credits',
}

function intArg(flag: string, raw: string | undefined): number {
  if (raw === undefined || !/^\d+$/.test(raw))
    throw new CliError(
      `${flag} needs a non-negative integer, got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`,
    )
  const n = Number(raw)
  if (flag === '--port' && n > 65535) throw new CliError('--port must be at most 65535')
  if (!Number.isSafeInteger(n)) throw new CliError(`${flag} is too large`)
  return n
}

export function parseCliArgs(argv: readonly string[]): CliResult {
  const options: SimulatorOptions = {}
  const variants: NonNullable<SimulatorOptions['variants']> = {}
  const args = [...argv]
  while (args.length > 0) {
    let flag = args.shift() as string
    let inline: string | undefined
    if (flag === '--') continue
    const eq = flag.indexOf('=')
    if (flag.startsWith('--') && eq > 0) {
      inline = flag.slice(eq + 1)
      flag = flag.slice(0, eq)
    }
    const value = (): string | undefined => inline ?? args.shift()
    if (flag === '--help' || flag === '-h') return { help: true }
    const intKey = INT_FLAGS[flag]
    if (intKey) {
      ;(options as Record<string, unknown>)[intKey] = intArg(flag, value())
    } else if (flag === '--host') {
      const v = value()
      if (!v) throw new CliError('--host needs an address')
      options.host = v
    } else if (flag === '--access-code') {
      const v = value()
      if (!v || !/^[A-Za-z0-9_-]+$/.test(v)) throw new CliError('--access-code needs letters, digits, _ or -')
      options.accessCode = v
    } else if (flag === '--api-key') {
      const v = value()
      if (!v || !/^[0-9a-fA-F]{32}$/.test(v)) throw new CliError('--api-key needs exactly 32 hex characters')
      options.apiKey = v
    } else if (flag === '--numeric-strings' && inline === undefined) {
      variants.numericStrings = true
    } else if (flag === '--no-counts' && inline === undefined) {
      variants.listCounts = false
    } else {
      throw new CliError(`unknown option: ${flag}`)
    }
  }
  if (Object.keys(variants).length > 0) options.variants = variants
  return { help: false, options }
}
