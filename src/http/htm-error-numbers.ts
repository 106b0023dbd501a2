// The Human Task family's error numbers: the one catalog, mirrored by the spec's
// HtmErrorNumber enum (a test keeps the two equal). Where the Human Task Manager has
// a message id for a condition, that id is used so that clients switching on it keep
// working; taskd's own conditions are TASKD0001E–TASKD0999E.
import type { HttpProblem } from './http-problem.js'

export const HTM_ERROR_NUMBERS = {
  unexpected: 'CWTKA0003E',
  valueTooLong: 'CWTKA0005E',
  stateDoesNotAllow: 'CWTKA0007E',
  notAuthorized: 'CWTKA0012E',
  mandatoryMissing: 'CWTKA0013E',
  taskDoesNotExist: 'CWTKA0024E',
  unsupportedValue: 'CWTKA0158E',
  malformedJson: 'TASKD0001E',
  unsupportedMediaType: 'TASKD0002E',
  tooLarge: 'TASKD0003E',
  methodNotAllowed: 'TASKD0004E',
  noSuchPath: 'TASKD0005E',
  invalidValue: 'TASKD0006E',
  unavailable: 'TASKD0007E',
  tooManyRequests: 'TASKD0008E',
  cursorExpired: 'TASKD0009E',
  idempotencyKeyInUse: 'TASKD0010E',
  idempotencyKeyReused: 'TASKD0011E'
} as const

export type HtmErrorNumber = typeof HTM_ERROR_NUMBERS[keyof typeof HTM_ERROR_NUMBERS]

const BY_CODE: Record<string, HtmErrorNumber> = {
  TASKD_HUMAN_TASK_NOT_FOUND: HTM_ERROR_NUMBERS.taskDoesNotExist,
  TASKD_UNAUTHORIZED: HTM_ERROR_NUMBERS.notAuthorized,
  TASKD_FORBIDDEN: HTM_ERROR_NUMBERS.notAuthorized,
  TASKD_RATE_LIMITED: HTM_ERROR_NUMBERS.tooManyRequests,
  TASKD_AUTH_FAILURES_LIMITED: HTM_ERROR_NUMBERS.tooManyRequests,
  TASKD_HUMAN_TASK_STATE: HTM_ERROR_NUMBERS.stateDoesNotAllow,
  TASKD_TOO_MANY_IDS: HTM_ERROR_NUMBERS.valueTooLong,
  TASKD_CUSTOM_PROPERTY_NAME: HTM_ERROR_NUMBERS.valueTooLong,
  TASKD_TOO_MANY_CUSTOM_PROPERTIES: HTM_ERROR_NUMBERS.valueTooLong,
  TASKD_BODY_REQUIRED: HTM_ERROR_NUMBERS.mandatoryMissing,
  TASKD_SORTER_INVALID: HTM_ERROR_NUMBERS.unsupportedValue,
  TASKD_QUERY_PARAMETER: HTM_ERROR_NUMBERS.unsupportedValue,
  TASKD_ROUTE_NOT_FOUND: HTM_ERROR_NUMBERS.noSuchPath,
  TASKD_METHOD_NOT_ALLOWED: HTM_ERROR_NUMBERS.methodNotAllowed,
  TASKD_UNSUPPORTED_MEDIA_TYPE: HTM_ERROR_NUMBERS.unsupportedMediaType,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: HTM_ERROR_NUMBERS.unsupportedMediaType,
  FST_ERR_CTP_BODY_TOO_LARGE: HTM_ERROR_NUMBERS.tooLarge,
  TASKD_DOCUMENT_TOO_LARGE: HTM_ERROR_NUMBERS.tooLarge,
  TASKD_BULK_TOO_LARGE: HTM_ERROR_NUMBERS.tooLarge,
  FST_ERR_CTP_EMPTY_JSON_BODY: HTM_ERROR_NUMBERS.mandatoryMissing,
  JSON_SYNTAX: HTM_ERROR_NUMBERS.malformedJson,
  TASKD_INVALID_ENCODING: HTM_ERROR_NUMBERS.malformedJson,
  TASKD_UNSTORABLE_TEXT: HTM_ERROR_NUMBERS.invalidValue,
  TASKD_BODY_TOO_DEEP: HTM_ERROR_NUMBERS.invalidValue,
  TASKD_DUPLICATE_HOST: HTM_ERROR_NUMBERS.invalidValue,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: HTM_ERROR_NUMBERS.malformedJson,
  FST_ERR_BAD_URL: HTM_ERROR_NUMBERS.invalidValue,
  FST_ERR_MAX_PARAM_LENGTH: HTM_ERROR_NUMBERS.valueTooLong,
  TASKD_WATCH_CURSOR: HTM_ERROR_NUMBERS.invalidValue,
  TASKD_WATCH_CURSOR_EXPIRED: HTM_ERROR_NUMBERS.cursorExpired,
  TASKD_WATCH_STREAMS_EXHAUSTED: HTM_ERROR_NUMBERS.unavailable,
  TASKD_IDEMPOTENCY_KEY_MALFORMED: HTM_ERROR_NUMBERS.invalidValue,
  TASKD_IDEMPOTENCY_KEY_IN_USE: HTM_ERROR_NUMBERS.idempotencyKeyInUse,
  TASKD_IDEMPOTENCY_KEY_REUSED: HTM_ERROR_NUMBERS.idempotencyKeyReused,
  UNAVAILABLE: HTM_ERROR_NUMBERS.unavailable,
  INTERNAL: HTM_ERROR_NUMBERS.unexpected
}

// Schema keywords, for validation errors: what failed decides the number.
const BY_KEYWORD: Record<string, HtmErrorNumber> = {
  required: HTM_ERROR_NUMBERS.mandatoryMissing,
  minItems: HTM_ERROR_NUMBERS.mandatoryMissing,
  minProperties: HTM_ERROR_NUMBERS.mandatoryMissing,
  maxLength: HTM_ERROR_NUMBERS.valueTooLong,
  maxItems: HTM_ERROR_NUMBERS.valueTooLong,
  maxProperties: HTM_ERROR_NUMBERS.valueTooLong,
  enum: HTM_ERROR_NUMBERS.unsupportedValue,
  additionalProperties: HTM_ERROR_NUMBERS.unsupportedValue
}

export function htmErrorNumber (problem: Pick<HttpProblem, 'code' | 'statusCode' | 'validationKeyword'>): HtmErrorNumber {
  if (problem.code === 'FST_ERR_VALIDATION') return BY_KEYWORD[problem.validationKeyword ?? ''] ?? HTM_ERROR_NUMBERS.invalidValue
  // Prototype poisoning and other body parser refusals are malformed bodies.
  return BY_CODE[problem.code] ?? (problem.statusCode >= 500 ? HTM_ERROR_NUMBERS.unexpected : HTM_ERROR_NUMBERS.malformedJson)
}
