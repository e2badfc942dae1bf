/** Loads the response fixtures of test/fixtures/api as bytes, like a body off the wire. */
import { readFileSync } from 'node:fs'

const root = new URL('../../fixtures/api/', import.meta.url)

export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, root)))
}

export function fixtureJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(path, root), 'utf8')) as Record<string, unknown>
}
