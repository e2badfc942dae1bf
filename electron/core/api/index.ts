/** The reseller-API client: one table of actions, typed calls, normalised domain results, ApiError only. */
export { XtreamClient, CLIENT_VERSION, type XtreamClientOptions, type CallOptions, type ClientStats } from './client'
export {
  ACTIONS,
  ACTION_NAMES,
  isActionName,
  spendsCredits,
  type ActionDef,
  type ActionKind,
  type ActionName,
  type ParamsOf,
  type ResultOf,
  type Spends,
} from './actions'
export { ApiError, isApiError } from './api-error'
export { normaliseMac, tryNormaliseMac } from './mac'
export { parseResponse } from './parse'
export { encodeParams, encodeRequest, baseUrl, MAX_LIMIT, type Endpoint } from './encode'
export type { ListResult } from './normalise/list'
export type { CreditAdjustment } from './normalise/sub-reseller'
export type { FetchLike } from './transport'
