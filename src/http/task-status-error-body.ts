// The Task Status family's error body, ErrorResponseDto, as Identity Security Cloud
// sends it.
import { STATUS_CODES } from 'node:http'
import type { components } from '../generated/openapi.js'
import type { HttpProblem } from './http-problem.js'

type ErrorResponseDto = components['schemas']['ErrorResponseDto']

const DETAIL_CODES: Record<number, string> = {
  400: '400.1 Bad Request Content',
  404: '404 Not found',
  500: '500.0 Internal Fault'
}

function message (text: string): components['schemas']['ErrorMessageDto'] {
  return { locale: 'en-US', localeOrigin: 'DEFAULT', text }
}

export function taskStatusErrorBody (problem: HttpProblem, trackingId: string): ErrorResponseDto {
  return {
    detailCode: DETAIL_CODES[problem.statusCode] ?? `${problem.statusCode} ${STATUS_CODES[problem.statusCode] ?? 'Error'}`,
    trackingId,
    messages: [message(problem.message)],
    causes: problem.causes.map(message)
  }
}
