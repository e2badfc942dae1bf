import type { XmApi } from '../../electron/shared/contract'

declare global {
  interface Window {
    /** Put there by the Electron preload (electron/preload/index.ts); absent in a plain browser. Use src/api/xm.ts. */
    readonly xm?: XmApi
  }
}

export {}
