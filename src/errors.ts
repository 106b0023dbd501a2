// The catalog of every error taskd raises on purpose. Each entry carries its HTTP
// status; the error handler turns it into the wire shape of the API family the
// request belongs to, so nothing here knows about response bodies.
import createError from '@fastify/error'

/** Request shape and content */
export const UnsupportedMediaTypeError = createError<'TASKD_UNSUPPORTED_MEDIA_TYPE', 415, [string, string]>(
  'TASKD_UNSUPPORTED_MEDIA_TYPE', "Content type '%s' is not accepted here; use %s", 415)

export const InvalidEncodingError = createError<'TASKD_INVALID_ENCODING', 400, []>(
  'TASKD_INVALID_ENCODING', 'The request body is not valid UTF-8', 400)
export const UnstorableTextError = createError<'TASKD_UNSTORABLE_TEXT', 400, [string]>(
  'TASKD_UNSTORABLE_TEXT', 'The request %s holds U+0000 or an unpaired surrogate, which text cannot hold', 400)
export const BodyTooDeepError = createError<'TASKD_BODY_TOO_DEEP', 400, [number]>(
  'TASKD_BODY_TOO_DEEP', 'The JSON body nests arrays and objects deeper than %s levels', 400)
export const DuplicateHostError = createError<'TASKD_DUPLICATE_HOST', 400, []>(
  'TASKD_DUPLICATE_HOST', 'The request has more than one Host header (RFC 9112 section 3.2)', 400)
export const MalformedFormError = createError<'TASKD_MALFORMED_FORM', 400, [string]>(
  'TASKD_MALFORMED_FORM', 'The multipart form data cannot be read: %s', 400)
export const BodyRequiredError = createError<'TASKD_BODY_REQUIRED', 400, [string]>(
  'TASKD_BODY_REQUIRED', 'A request body is required, as %s', 400)

/** Authentication and limits */
export const UnauthorizedError = createError<'TASKD_UNAUTHORIZED', 401, [string]>(
  'TASKD_UNAUTHORIZED', 'Authentication failed: %s', 401)
export const ForbiddenError = createError<'TASKD_FORBIDDEN', 403, [string]>(
  'TASKD_FORBIDDEN', 'The credentials lack the scope this operation needs: %s', 403)
export const RateLimitedError = createError<'TASKD_RATE_LIMITED', 429, [number, string]>(
  'TASKD_RATE_LIMITED', 'Rate limit of %s requests per %s exceeded; retry later', 429)
export const AuthFailuresLimitedError = createError<'TASKD_AUTH_FAILURES_LIMITED', 429, [number, string]>(
  'TASKD_AUTH_FAILURES_LIMITED', 'More than %s failed authentications per %s from this address or with this credential; retry later', 429)
export const OAuthInvalidClientError = createError<'TASKD_OAUTH_INVALID_CLIENT', 401, [string]>(
  'TASKD_OAUTH_INVALID_CLIENT', 'Client authentication failed: %s', 401)
export const OAuthUnsupportedGrantTypeError = createError<'TASKD_OAUTH_UNSUPPORTED_GRANT_TYPE', 400, [string]>(
  'TASKD_OAUTH_UNSUPPORTED_GRANT_TYPE', "The grant type '%s' is not supported; use client_credentials", 400)
export const OAuthInvalidScopeError = createError<'TASKD_OAUTH_INVALID_SCOPE', 400, [string]>(
  'TASKD_OAUTH_INVALID_SCOPE', 'The scope %s is not granted to this client', 400)

/** Store */
export const StoreUnavailableError = createError<'TASKD_STORE_UNAVAILABLE', 503, [string]>(
  'TASKD_STORE_UNAVAILABLE', 'The store is unavailable: %s', 503)
export const ShuttingDownError = createError<'TASKD_SHUTTING_DOWN', 503>(
  'TASKD_SHUTTING_DOWN', 'This instance is shutting down; retry the request', 503)

/** Resources */
export const TaskStatusNotFoundError = createError<'TASKD_TASK_STATUS_NOT_FOUND', 404, [string]>(
  'TASKD_TASK_STATUS_NOT_FOUND', "Task status '%s' was not found", 404)

export const HumanTaskNotFoundError = createError<'TASKD_HUMAN_TASK_NOT_FOUND', 404, [string]>(
  'TASKD_HUMAN_TASK_NOT_FOUND', "The task '%s' does not exist; it might have been deleted in the meantime.", 404)
export const HumanTaskStateError = createError<'TASKD_HUMAN_TASK_STATE', 409, [string, string, string]>(
  'TASKD_HUMAN_TASK_STATE', "The state of the task '%s' (%s) does not allow the action '%s'.", 409)
export const RouteNotFoundError = createError<'TASKD_ROUTE_NOT_FOUND', 404, [string, string]>(
  'TASKD_ROUTE_NOT_FOUND', 'No route for %s %s', 404)
export const MethodNotAllowedError = createError<'TASKD_METHOD_NOT_ALLOWED', 405, [string, string]>(
  'TASKD_METHOD_NOT_ALLOWED', '%s is not allowed on %s', 405)

export const CustomPropertyNameError = createError<'TASKD_CUSTOM_PROPERTY_NAME', 400, [string]>(
  'TASKD_CUSTOM_PROPERTY_NAME', "The custom property name '%s' must have 1 to 255 characters", 400)
export const TooManyCustomPropertiesError = createError<'TASKD_TOO_MANY_CUSTOM_PROPERTIES', 400, [string, number, number]>(
  'TASKD_TOO_MANY_CUSTOM_PROPERTIES', "The task '%s' would have %s custom properties; the most is %s", 400)

/** JSON Patch and JSON Merge Patch */
export const PatchInvalidError = createError<'TASKD_PATCH_INVALID', 400, [string]>(
  'TASKD_PATCH_INVALID', 'The JSON Patch cannot be applied: %s', 400)
export const PatchTestFailedError = createError<'TASKD_PATCH_TEST_FAILED', 409, [string]>(
  'TASKD_PATCH_TEST_FAILED', 'A JSON Patch test operation failed: %s', 409)
export const PatchForbiddenPathError = createError<'TASKD_PATCH_FORBIDDEN_PATH', 400, [string]>(
  'TASKD_PATCH_FORBIDDEN_PATH', 'The JSON Patch may not change %s', 400)
export const PatchTooCostlyError = createError<'TASKD_PATCH_TOO_COSTLY', 413, [number]>(
  'TASKD_PATCH_TOO_COSTLY', 'The JSON Patch would copy, compare or shift more than %s units of the document (about bytes); split it into smaller patches', 413)
export const MergePatchForbiddenFieldError = createError<'TASKD_MERGE_PATCH_FORBIDDEN_FIELD', 400, [string]>(
  'TASKD_MERGE_PATCH_FORBIDDEN_FIELD', "The merge patch may not change '%s': it is set by the server", 400)
export const InvalidDocumentError = createError<'TASKD_INVALID_DOCUMENT', 400, [string]>(
  'TASKD_INVALID_DOCUMENT', 'The resulting document is invalid: %s', 400)
export const PreconditionFailedError = createError<'TASKD_PRECONDITION_FAILED', 412, [string]>(
  'TASKD_PRECONDITION_FAILED', 'If-Match %s does not match the current entity tag', 412)

/** Cost bounds */
export const DocumentTooLargeError = createError<'TASKD_DOCUMENT_TOO_LARGE', 413, [string, number, number]>(
  'TASKD_DOCUMENT_TOO_LARGE', 'The %s would be %s bytes; a stored one may have %s at most', 413)

export const BulkTooLargeError = createError<'TASKD_BULK_TOO_LARGE', 413, [number, number]>(
  'TASKD_BULK_TOO_LARGE', 'The listed tasks hold %s bytes; one bulk update may rewrite %s at most (BULK_MAX_WRITE_BYTES)', 413)

/** Listing */
export const FilterSyntaxError = createError<'TASKD_FILTER_SYNTAX', 400, [string]>(
  'TASKD_FILTER_SYNTAX', 'Invalid filters: %s', 400)
export const FilterUnsupportedError = createError<'TASKD_FILTER_UNSUPPORTED', 400, [string]>(
  'TASKD_FILTER_UNSUPPORTED', 'Unsupported filter: %s', 400)
export const SorterInvalidError = createError<'TASKD_SORTER_INVALID', 400, [string]>(
  'TASKD_SORTER_INVALID', 'Invalid sorters: %s', 400)
export const QueryParameterError = createError<'TASKD_QUERY_PARAMETER', 400, [string]>(
  'TASKD_QUERY_PARAMETER', '%s', 400)

/** Bulk update */
export const TooManyIdsError = createError<'TASKD_TOO_MANY_IDS', 400, [number, number]>(
  'TASKD_TOO_MANY_IDS', 'updatedTaskIDs lists %s ids; the maximum is %s (BULK_MAX_IDS)', 400)

/** Watch */
export const WatchCursorError = createError<'TASKD_WATCH_CURSOR', 400, [string]>(
  'TASKD_WATCH_CURSOR', '%s', 400)
export const WatchCursorExpiredError = createError<'TASKD_WATCH_CURSOR_EXPIRED', 410, [number, number]>(
  'TASKD_WATCH_CURSOR_EXPIRED', 'The changes after sequence %s are no longer kept (the log is trimmed through %s): list again and watch from the sequence the list was read at', 410)
export const WatchStreamsExhaustedError = createError<'TASKD_WATCH_STREAMS_EXHAUSTED', 503, [number]>(
  'TASKD_WATCH_STREAMS_EXHAUSTED', 'This instance serves %s watch streams already (WATCH_MAX_STREAMS); retry later', 503)
/** Idempotency-Key (draft-ietf-httpapi-idempotency-key-header) */
export const IdempotencyKeyMalformedError = createError<'TASKD_IDEMPOTENCY_KEY_MALFORMED', 400, [number]>(
  'TASKD_IDEMPOTENCY_KEY_MALFORMED', 'The Idempotency-Key must be 1 to %s visible ASCII characters without " or \\, bare or as a quoted string', 400)
export const IdempotencyKeyInUseError = createError<'TASKD_IDEMPOTENCY_KEY_IN_USE', 409, []>(
  'TASKD_IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is being processed or has just been; retry later to receive its response', 409)
export const IdempotencyKeyReusedError = createError<'TASKD_IDEMPOTENCY_KEY_REUSED', 422, []>(
  'TASKD_IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used before with a different request; use a new key for a new request', 422)
/** Webhooks */
export const WebhookInvalidError = createError<'TASKD_WEBHOOK_INVALID', 400, [string]>(
  'TASKD_WEBHOOK_INVALID', 'Invalid webhook subscription: %s', 400)
export const WebhookNotFoundError = createError<'TASKD_WEBHOOK_NOT_FOUND', 404, [string]>(
  'TASKD_WEBHOOK_NOT_FOUND', "Webhook subscription '%s' was not found", 404)
export const WebhookLimitError = createError<'TASKD_WEBHOOK_LIMIT', 409, [number]>(
  'TASKD_WEBHOOK_LIMIT', 'The store holds %s webhook subscriptions, as many as it may; delete one first', 409)
export const WebhookReplayTrimmedError = createError<'TASKD_WEBHOOK_REPLAY_TRIMMED', 400, [number, number]>(
  'TASKD_WEBHOOK_REPLAY_TRIMMED', 'fromSequence %s is gone: the change log is trimmed through %s', 400)
export const WebhookEventUnavailableError = createError<'TASKD_WEBHOOK_EVENT_UNAVAILABLE', 400, [number, string]>(
  'TASKD_WEBHOOK_EVENT_UNAVAILABLE', 'sequence %s cannot be redelivered: %s', 400)
export const WebhookEventNotWantedError = createError<'TASKD_WEBHOOK_EVENT_NOT_WANTED', 400, [number]>(
  'TASKD_WEBHOOK_EVENT_NOT_WANTED', 'sequence %s is no event this subscription is sent: its event types or its filter leave it out', 400)
