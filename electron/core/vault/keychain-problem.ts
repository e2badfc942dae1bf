/**
 * Turns what keytar / libsecret said into one sentence a user can act on.
 * The raw messages below were measured on Linux (docs/ARCHITECTURE.md §9,
 * "The keychain"); anything unrecognised is quoted as is.
 */

const MEMORY_ONLY = 'Keys will be kept in memory for this session only.'
const INSTALL_UNLOCK = 'Install and unlock a Secret Service (GNOME Keyring or KWallet), then restart the app.'

export type ProbeFailure =
  | { kind: 'load'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'readback' } // set succeeded but get returned nothing: a locked collection does this silently
  | { kind: 'timeout'; ms: number }

export function describeKeychainProblem(f: ProbeFailure): string {
  switch (f.kind) {
    case 'load':
      return `The keychain module (keytar) could not be loaded ("${f.message}"). Reinstall the app to restore keychain support. ${MEMORY_ONLY}`
    case 'readback':
      return `The system keychain accepted a test key but did not return it: its login collection is probably locked. ${INSTALL_UNLOCK} ${MEMORY_ONLY}`
    case 'timeout':
      return `The system keychain did not answer within ${Math.round(f.ms / 100) / 10} s (a hung D-Bus, or an unlock prompt that cannot be shown). ${INSTALL_UNLOCK} ${MEMORY_ONLY}`
    case 'error':
      return describeError(f.message)
  }
}

function describeError(message: string): string {
  const quoted = `("${message}")`
  if (/autolaunch D-Bus|\$DISPLAY|Could not connect|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket|Connection refused/i.test(message)) {
    return `No D-Bus session is running ${quoted}, so the system keychain cannot be reached. Log in to a desktop session, or start the app inside one (dbus-run-session). ${INSTALL_UNLOCK} ${MEMORY_ONLY}`
  }
  if (/org\.freedesktop\.secrets|not provided by any \.service/i.test(message)) {
    return `No Secret Service is installed ${quoted}. ${INSTALL_UNLOCK} ${MEMORY_ONLY}`
  }
  if (/Object does not exist at path|\/collection\/|locked|prompt|dismissed|cancel/i.test(message)) {
    return `The system keychain has no unlocked login collection ${quoted}. ${INSTALL_UNLOCK} ${MEMORY_ONLY}`
  }
  return `The system keychain failed ${quoted}. ${INSTALL_UNLOCK} ${MEMORY_ONLY}`
}
