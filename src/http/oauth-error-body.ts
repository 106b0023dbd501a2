// The token endpoint's error body, as RFC 6749 §5.2 defines it.
import type { components } from '../generated/openapi.js'
import type { HttpProblem } from './http-problem.js'

type OAuthError = components['schemas']['OAuthError']

const BY_CODE: Record<string, OAuthError['error']> = {
  TASKD_OAUTH_INVALID_CLIENT: 'invalid_client',
  TASKD_OAUTH_UNSUPPORTED_GRANT_TYPE: 'unsupported_grant_type',
  TASKD_OAUTH_INVALID_SCOPE: 'invalid_scope',
  TASKD_RATE_LIMITED: 'too_many_requests',
  TASKD_AUTH_FAILURES_LIMITED: 'too_many_requests',
  UNAVAILABLE: 'temporarily_unavailable',
  INTERNAL: 'server_error'
}

export function oauthErrorBody (problem: HttpProblem): OAuthError {
  return { error: BY_CODE[problem.code] ?? 'invalid_request', error_description: problem.message }
}
