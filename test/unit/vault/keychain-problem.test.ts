import { describe, expect, it } from 'vitest'
import { describeKeychainProblem } from '../../../electron/core/vault/keychain-problem'

// The raw texts are what keytar/libsecret said on this machine (docs/ARCHITECTURE.md §9).
describe('describeKeychainProblem', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', /No D-Bus session is running/],
    ['Could not connect: No such file or directory', /No D-Bus session is running/],
    ['The name org.freedesktop.secrets was not provided by any .service files', /No Secret Service is installed/],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', /no unlocked login collection/],
    ['something nobody has seen', /The system keychain failed \("something nobody has seen"\)/],
  ])('%s', (raw, sentence) => {
    const text = describeKeychainProblem({ kind: 'error', message: raw })
    expect(text).toMatch(sentence)
    expect(text).toContain('Install and unlock a Secret Service (GNOME Keyring or KWallet)')
    expect(text).toContain('Keys will be kept in memory for this session only.')
  })

  it('names a silent locked collection and a timeout', () => {
    expect(describeKeychainProblem({ kind: 'readback' })).toMatch(/probably locked/)
    expect(describeKeychainProblem({ kind: 'timeout', ms: 3000 })).toMatch(/did not answer within 3 s/)
  })
})
