// The Human Task family's error body: {errorNumber, errorMessage, programmersDetails?}.
// programmersDetails appear only when configured, and never hold a stack trace.
import type { components } from '../generated/openapi.js'
import { htmErrorNumber } from './htm-error-numbers.js'
import type { HttpProblem } from './http-problem.js'

type HtmError = components['schemas']['HtmError']

export function htmErrorBody (problem: HttpProblem, trackingId: string, programmersDetails: boolean): HtmError {
  return {
    errorNumber: htmErrorNumber(problem),
    errorMessage: problem.message,
    ...(programmersDetails && {
      programmersDetails: { trackingId, statusCode: problem.statusCode, code: problem.code, ...(problem.causes.length > 0 && { causes: problem.causes }) }
    })
  }
}
