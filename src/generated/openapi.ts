// Generated from spec/openapi.yaml by `npm run gen` (openapi-typescript). Do not edit.
/* eslint-disable */
export interface paths {
    "/task-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List task statuses
         * @description Lists task statuses, filtered, sorted and paged.
         *
         *     `filters` uses the V3 filter syntax: lowercase operators (`eq ne gt ge lt le co sw in`,
         *     postfix `isnull`, prefix `pr`), combined with `and`, `or`, `not` and parentheses
         *     (`not` binds tightest, then `and`, then `or`). Strings are double-quoted with `\"` and
         *     `\\` escapes; date-times are unquoted ISO 8601. Supported fields and operators:
         *
         *     | field | operators |
         *     |---|---|
         *     | `id`, `type`, `sourceId` (the `target.id`) | `eq`, `in` |
         *     | `completionStatus` | `eq`, `in`, `isnull`, `pr` |
         *     | `launcher`, `uniqueName` | `eq`, `in`, `sw` |
         *     | `parentName` | `eq`, `in`, `sw`, `isnull`, `pr` |
         *     | `created`, `modified` | `gt`, `ge`, `lt`, `le` |
         *     | `completed` | `gt`, `ge`, `lt`, `le`, `isnull`, `pr` |
         *
         *     `sorters` is a comma list of `created`, `modified`, `completed`, `uniqueName`,
         *     `percentComplete` and `id`, each with an optional `-` for descending. Ties are broken
         *     by `id`, in the direction of the last sorter, so paging is stable; `null` sorts after
         *     every value ascending. Without
         *     `sorters` the order is `created,id`.
         */
        get: operations["getTaskStatusList"];
        put?: never;
        /**
         * Create a task status
         * @description Stores a new task status. The server assigns `id`, `created` and `modified`; a body
         *     that carries any of them is refused.
         */
        post: operations["createTaskStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/task-status/pending-tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List pending task statuses
         * @description The task statuses not completed yet (`completed` is null), oldest first.
         */
        get: operations["getPendingTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Count pending task statuses
         * @description No body; `X-Total-Count` carries the number of pending task statuses.
         */
        head: operations["getPendingTaskHeaders"];
        patch?: never;
        trace?: never;
    };
    "/task-status/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Watch task status changes (Server-Sent Events)
         * @description A `text/event-stream` of the task statuses' changes as they are committed, read from the
         *     change log: one event per entry, whose `id:` is the entry's `sequence`, `event:` its
         *     `kind` and `data:` the entry (a `ChangeEntry`). A comment (`: heartbeat`) is sent every
         *     `WATCH_HEARTBEAT_MS` while nothing changes.
         *
         *     Without a cursor the stream starts with the changes committed after it opened. A client
         *     resumes with `Last-Event-ID` (an `EventSource` sends it on reconnection) or `since`, and
         *     receives exactly the entries after that sequence; list responses carry
         *     `X-Change-Sequence`, the sequence the list was read at, so list-then-watch misses
         *     nothing. A cursor older than the log keeps is a 410 (list again); a cursor past the
         *     newest committed entry is a 400.
         *
         *     `filters` takes the V3 syntax on `id`, `type`, `completionStatus` and `launcher`, with
         *     `eq` (and `isnull` for `completionStatus`) joined by `and`; another field or operator,
         *     or an unknown query parameter, is a 400. A watch changes nothing.
         *
         *     A stream whose client reads too slowly (more than `WATCH_BUFFER_BYTES` unsent) is
         *     closed; the client resumes from the last event it received. Past `WATCH_MAX_STREAMS`
         *     open streams in one instance the answer is a 503.
         */
        get: operations["watchTaskStatuses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/task-status/watch-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A short-lived stream token for the watch endpoints (for EventSource)
         * @description A browser's `EventSource` cannot send `Authorization`. With any valid credential, this
         *     returns a token that opens the two watch streams as `?access_token=<token>`, and nothing
         *     else: it carries the read scopes (`task-status:read`, `task:read`) the credential has,
         *     no write scope, and expires after `WATCH_TOKEN_TTL` seconds (60 by default). It is signed
         *     with a key derived from `WATCH_TOKEN_SECRET` (else `AUTH_JWT_SECRET`), so every instance
         *     that shares the secret accepts it. The request log never shows it. An open stream is not
         *     cut when its token expires; a reconnection needs a fresh one.
         */
        post: operations["createWatchToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/task-status/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The task status id (32 lowercase hexadecimal characters); more than 128 characters is a 400.
                 * @example 00eebcf881994e419d72e757fd30dc0e
                 */
                id: components["parameters"]["taskStatusPathId"];
            };
            cookie?: never;
        };
        /**
         * Get a task status
         * @description The task status with this id; its `ETag` is the version to send back in `If-Match`.
         */
        get: operations["getTaskStatus"];
        put?: never;
        post?: never;
        /**
         * Delete a task status
         * @description Deletes the task status, whatever its state; a later GET of it is a 404.
         */
        delete: operations["deleteTaskStatus"];
        /**
         * Describe what a task status accepts
         * @description Advertises the methods and, per RFC 5789, the patch document format.
         */
        options: operations["optionsTaskStatus"];
        head?: never;
        /**
         * Update a task status with a JSON Patch or a JSON Merge Patch
         * @description Applies an RFC 6902 JSON Patch (`application/json-patch+json`, or `application/json`)
         *     or an RFC 7396 JSON Merge Patch (`application/merge-patch+json`) atomically: the whole
         *     patch applies, or nothing does and the stored document is unchanged. The result must be
         *     a valid `TaskStatus`; `id`, `created` and `modified` are read-only (a patch that writes
         *     them is refused) and `modified` is set by the server. A failed `test` operation gives
         *     409. `If-Match` makes the update conditional on the current `ETag` (412 when it does not
         *     match).
         *
         *     An empty patch (`[]`, or the merge patch `{}`) changes nothing and writes nothing: the
         *     answer is the current document, with its `modified` and `ETag`.
         *
         *     In a merge patch, `null` removes a member (so a required field cannot be set to null
         *     this way: use JSON Patch's `replace`), objects merge member by member, and an array
         *     replaces the whole array.
         */
        patch: operations["updateTaskStatus"];
        trace?: never;
    };
    "/task-status/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The task status id (32 lowercase hexadecimal characters); more than 128 characters is a 400.
                 * @example 00eebcf881994e419d72e757fd30dc0e
                 */
                id: components["parameters"]["taskStatusPathId"];
            };
            cookie?: never;
        };
        /**
         * The changes of a task status, oldest first
         * @description One entry per accepted create, patch and delete of the task status, in the order they
         *     were committed: who made it, when, the version it made, and what changed (the
         *     document, for the create; the JSON Patch as applied, for a patch). The history
         *     outlives a delete, whose entry is the last. 404 when the log holds nothing for this id.
         */
        get: operations["getTaskStatusHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook subscriptions
         * @description Every subscription, oldest first (a store holds at most 1000). Secrets are never shown.
         */
        get: operations["listWebhookSubscriptions"];
        put?: never;
        /**
         * Subscribe a URL to events
         * @description Events that happen from now on are POSTed to `url`, signed as Standard Webhooks 1.0 says
         *     (`webhook-id`, `webhook-timestamp`, `webhook-signature`). The answer holds the signing
         *     secret, the only time it is shown. A URL that is not absolute http(s), an unknown event
         *     type or a filter the task-status list would refuse is a 400 that creates nothing.
         */
        post: operations["createWebhookSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        /**
         * Get a webhook subscription
         * @description Its settings (never its secrets) and how its delivery goes.
         */
        get: operations["getWebhookSubscription"];
        /**
         * Replace a webhook subscription's settings
         * @description Sets `url`, `eventTypes`, `filter` and `payload` as a create does (absent optional ones
         *     take their defaults); the secrets and the delivery position are kept. `enabled: true`
         *     starts a disabled subscription again, from where it stopped.
         */
        put: operations["replaceWebhookSubscription"];
        post?: never;
        /**
         * Delete a webhook subscription
         * @description Nothing more is delivered to it; its delivery log goes with it.
         */
        delete: operations["deleteWebhookSubscription"];
        options?: never;
        head?: never;
        /**
         * Change some of a webhook subscription's settings
         * @description Sets the members the body has (`filter: null` removes the filter), checked as a create checks them.
         */
        patch: operations["updateWebhookSubscription"];
        trace?: never;
    };
    "/webhooks/subscriptions/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a webhook subscription a new signing secret
         * @description The new secret signs from now on; the ones it replaces keep signing (one
         *     `webhook-signature` entry each) for `WEBHOOK_SECRET_OVERLAP` (24 h by default), so a
         *     receiver can switch without missing a delivery. At most 5 secrets sign at once: a
         *     rotation past that drops the oldest.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/subscriptions/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        /**
         * The latest delivery attempts of a webhook subscription, newest first
         * @description The store keeps the newest 200 attempts of each subscription.
         */
        get: operations["getWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/subscriptions/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliver again every event from a change-log sequence on
         * @description Moves the subscription's position back (or forward) so that delivery goes on from
         *     `fromSequence` (each event keeps its `webhook-id`), starts a disabled subscription again
         *     and clears its backoff. A sequence the change log no longer holds is a 400.
         */
        post: operations["replayWebhookEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/subscriptions/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send one event again, now
         * @description Sends the events of one change-log entry that the subscription is sent (one, or two when a
         *     task status update first sets its completion) again, now, out of band: the subscription's
         *     position and backoff stay as they are, and a disabled subscription is sent to as well. Each
         *     event keeps its `webhook-id` and is signed with the secrets that sign now. The request
         *     waits for the receiver (at most `WEBHOOK_TIMEOUT_MS` per event), records each attempt in the
         *     delivery log and answers with those records: a failed attempt is a 200 whose record says
         *     `failed`, and is not retried (send the request again). A sequence the change log no longer
         *     holds, beyond its head, or whose events the subscription's event types or filter leave
         *     out is a 400 that sends nothing.
         */
        post: operations["redeliverWebhookEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue an access token (OAuth 2.0 client credentials)
         * @description The client-credentials grant, as Identity Security Cloud's token endpoint takes it: the
         *     form fields `grant_type=client_credentials`, `client_id` and `client_secret`, sent
         *     form-encoded or as multipart form data (as the official client does). The client may
         *     authenticate with HTTP Basic instead (RFC 6749 §2.3.1), as Swagger UI does. The clients are
         *     those of `AUTH_CLIENTS_FILE`; the token is a short-lived JWT carrying the client's scopes.
         *     Errors follow RFC 6749 §5.2: a client refused over HTTP Basic gets 401 with
         *     `WWW-Authenticate: Basic realm="taskd"`. Failed attempts count against the caller's address
         *     and the client id (`AUTH_FAILURE_MAX` per `AUTH_FAILURE_WINDOW_MS`); past that, 429
         *     `too_many_requests` with `Retry-After`, even for the right secret, until the window ends.
         */
        post: operations["issueOAuthToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/task": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Update many human tasks at once
         * @description Sets the same properties on every task listed in `updatedTaskIDs`.
         *
         *     The whole request is validated first; a 400 changes nothing. Then each task is updated
         *     on its own, atomically: a task that cannot be updated (it does not exist, whatever the
         *     form of its id, it is finished or terminated, or merging would give it more than 100
         *     custom properties) is reported in `failedUpdates` and the others still apply. A duplicated id is applied once. `customProperties` merge into the
         *     task's own.
         *
         *     **200 with an empty body** when every update succeeded; otherwise 200 with
         *     `failedUpdates`, naming every failed id once.
         */
        put: operations["bulkUpdateHumanTasks"];
        /**
         * Create a human task
         * @description Creates a task in `STATE_READY`. The server assigns `tkiid`, `originator` and the times.
         */
        post: operations["createHumanTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/task/{tkiid}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The human task's id; more than 128 characters is a 400.
                 * @example 7c4e1f0c2d3a4b5c8d9e0f1a2b3c4d5e
                 */
                tkiid: components["parameters"]["tkiid"];
            };
            cookie?: never;
        };
        /**
         * Get a human task
         * @description The human task with this id, whatever its state.
         */
        get: operations["getHumanTask"];
        /**
         * Update a human task or change its state
         * @description `action=update` sets the properties in the body and returns the task. The other actions
         *     take no body and follow the state rules of a human task:
         *
         *     | action | allowed when | result |
         *     |---|---|---|
         *     | `claim` | `STATE_READY`, not suspended (or `supportsClaimIfSuspended`) | `STATE_CLAIMED`, `owner` is the caller |
         *     | `cancelClaim` | `STATE_CLAIMED` | `STATE_READY`, no owner |
         *     | `complete` | `STATE_CLAIMED`, not suspended | `STATE_FINISHED` |
         *     | `suspend` | `STATE_READY` or `STATE_CLAIMED`, not suspended | `suspended` true |
         *     | `resume` | suspended | `suspended` false |
         *     | `terminate` | `STATE_READY` or `STATE_CLAIMED` | `STATE_TERMINATED` |
         *     | `update` | `STATE_READY` or `STATE_CLAIMED` | the properties set |
         *
         *     A finished or terminated task takes reads only. An action the state does not allow
         *     gives 409 with `CWTKA0007E`.
         */
        put: operations["actOnHumanTask"];
        post?: never;
        /**
         * Delete a human task
         * @description Deletes the task, whatever its state.
         */
        delete: operations["deleteHumanTask"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/task/{tkiid}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The human task's id; more than 128 characters is a 400.
                 * @example 7c4e1f0c2d3a4b5c8d9e0f1a2b3c4d5e
                 */
                tkiid: components["parameters"]["tkiid"];
            };
            cookie?: never;
        };
        /**
         * The history of a human task
         * @description The Human Task Manager's Task Instance History resource: every operation performed on
         *     the task, oldest first, as `{tkiid, items: [{event, principal, timeStamp, …}]}`. Each
         *     item also carries taskd's `sequence`, the `version` it made and `changes`, each changed
         *     property with its old and new value. The history outlives a delete (`TaskDeleted` is
         *     the last item). `offset` and `limit` page a long history. 404 when the log holds
         *     nothing for this task.
         */
        get: operations["getHumanTaskHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query human tasks
         * @description Filters combine with AND. `customPropertyName` and `customPropertyValue` go together:
         *     tasks whose custom property of that name has that value. `sort` is a comma list of
         *     `priority`, `dueTime`, `activationTime`, `lastModificationTime`, `name`, `displayName`,
         *     `tkiid`, each with an optional `-` for descending; ties are broken by `tkiid` and
         *     `null` sorts last ascending. Without `sort` the order is `activationTime,tkiid`.
         */
        get: operations["queryHumanTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Watch human task changes (Server-Sent Events)
         * @description A `text/event-stream` of the human tasks' changes as they are committed, as
         *     `GET /task-status/watch` sends those of task statuses: `id:` the entry's `sequence`,
         *     `event:` its `kind` (`create`, `update`, `claim`, …, `delete`), `data:` the entry. Resume
         *     with `Last-Event-ID` or `since`; a cursor older than the log keeps is a 410
         *     (`TASKD0009E`: query again), one past the newest committed entry a 400. `state`, `owner`
         *     and `namespace` keep only the changes whose task has that value after the change (before
         *     it, for a delete); another query parameter is a 400. A watch changes nothing.
         */
        get: operations["watchHumanTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Assigned by the server; 32 lowercase hexadecimal characters.
         * @example 00eebcf881994e419d72e757fd30dc0e
         */
        TaskStatusId: string;
        /**
         * @example QUARTZ
         * @enum {string}
         */
        TaskType: "QUARTZ" | "QPOC" | "QUEUED_TASK";
        /**
         * @description How the task ended; null while it runs. Responses use `Success`, `Warning`, `Error`,
         *     `Terminated`, `TempError` (or, with `COMPLETION_STATUS_CASE=upper`, today's
         *     uppercase spelling). Input accepts both spellings and stores the first.
         * @example Success
         * @enum {string|null}
         */
        CompletionStatus: "Success" | "Warning" | "Error" | "Terminated" | "TempError" | "SUCCESS" | "WARNING" | "ERROR" | "TERMINATED" | "TEMPERROR" | null;
        LocalizedMessage: {
            /** @example en-US */
            locale: string;
            /** @example Aggregated 1,204 accounts */
            message: string;
        } | null;
        /**
         * @example {
         *       "type": "INFO",
         *       "localizedText": {
         *         "locale": "en-US",
         *         "message": "Aggregated 1,204 accounts"
         *       },
         *       "key": "aggregation.accounts.done",
         *       "parameters": [
         *         1204
         *       ]
         *     }
         */
        TaskStatusMessage: {
            /** @enum {string} */
            type: "INFO" | "WARN" | "ERROR";
            localizedText: components["schemas"]["LocalizedMessage"];
            /** @example aggregation.accounts.done */
            key: string;
            /** @description Message parameters; any JSON values. */
            parameters: unknown[] | null;
        };
        TaskReturnDetails: {
            /** @example accountsAggregated */
            name: string;
            /** @example total */
            attributeName: string;
        };
        /** @description What the task works on; `sourceId` filters match `target.id`. */
        TaskTarget: {
            /** @example 2c9180835d2e5168015d32f890ca1581 */
            id?: string;
            /**
             * @example APPLICATION
             * @enum {string|null}
             */
            type?: "APPLICATION" | "IDENTITY" | null;
            /** @example Active Directory [source] */
            name?: string;
        } | null;
        TaskDefinitionSummary: {
            /** @example 2c91808475b4334b0175e1dff64b63c5 */
            id?: string;
            /** @example Cloud Account Aggregation */
            uniqueName?: string;
            /** @example Aggregates from the specified application. */
            description?: string;
            /** @example Cloud Account Aggregation */
            parentName?: string | null;
            /** @example sailpoint.task.ServiceTaskExecutor */
            executor?: string;
            /**
             * @description Free-form arguments of the definition.
             * @example {
             *       "mantisExecutor": "com.sailpoint.mantis.sources.task.AccountAggregationTask"
             *     }
             */
            arguments?: {
                [key: string]: unknown;
            };
        } | null;
        /** @example Cloud Account Aggregation */
        TaskStatusUniqueName: string;
        /** @example Aggregate from the specified application */
        TaskStatusDescription: string;
        /** @example Audit Report */
        TaskStatusParentName: string | null;
        /** @example 2c9180835d2e5168015d32f890ca1581 */
        TaskStatusLauncher: string;
        /**
         * Format: date-time
         * @description Set by the server when the task status is created.
         * @example 2020-07-11T00:00:00.000Z
         */
        TaskStatusCreated: string;
        /**
         * Format: date-time
         * @description Set by the server on every change.
         * @example 2020-07-11T00:02:41.000Z
         */
        TaskStatusModified: string;
        /**
         * Format: date-time
         * @example 2020-07-11T00:00:00.000Z
         */
        TaskStatusLaunched: string | null;
        /**
         * Format: date-time
         * @example 2020-07-11T00:02:41.000Z
         */
        TaskStatusCompleted: string | null;
        TaskStatusMessages: components["schemas"]["TaskStatusMessage"][];
        TaskStatusReturns: components["schemas"]["TaskReturnDetails"][];
        /**
         * @description Free-form attributes of the task.
         * @example {
         *       "appId": "c31386cb18bb403cbb6df4c86294ff82"
         *     }
         */
        TaskStatusAttributes: {
            [key: string]: unknown;
        };
        /** @example Aggregated 500 of 1204 accounts */
        TaskStatusProgress: string | null;
        /** @example 41 */
        TaskStatusPercentComplete: number;
        /**
         * @description A new task status: the fields of `TaskStatus` but `id`, `created` and `modified`, which
         *     the server assigns. Fields left out take their empty value: `parentName`, `launched`,
         *     `completed`, `completionStatus`, `progress` null; `messages`, `returns` empty;
         *     `attributes` empty; `percentComplete` 0.
         * @example {
         *       "type": "QUARTZ",
         *       "uniqueName": "Cloud Account Aggregation",
         *       "description": "Aggregate from the specified application",
         *       "launcher": "2c9180835d2e5168015d32f890ca1581",
         *       "launched": "2020-07-11T00:00:00.000Z",
         *       "target": {
         *         "id": "c31386cb18bb403cbb6df4c86294ff82",
         *         "type": "APPLICATION",
         *         "name": "Active Directory [source]"
         *       }
         *     }
         */
        TaskStatusCreate: {
            type: components["schemas"]["TaskType"];
            uniqueName: components["schemas"]["TaskStatusUniqueName"];
            description: components["schemas"]["TaskStatusDescription"];
            parentName?: components["schemas"]["TaskStatusParentName"];
            launcher: components["schemas"]["TaskStatusLauncher"];
            target?: components["schemas"]["TaskTarget"];
            launched?: components["schemas"]["TaskStatusLaunched"];
            completed?: components["schemas"]["TaskStatusCompleted"];
            completionStatus?: components["schemas"]["CompletionStatus"];
            messages?: components["schemas"]["TaskStatusMessages"];
            returns?: components["schemas"]["TaskStatusReturns"];
            attributes?: components["schemas"]["TaskStatusAttributes"];
            progress?: components["schemas"]["TaskStatusProgress"];
            percentComplete?: components["schemas"]["TaskStatusPercentComplete"];
            taskDefinitionSummary?: components["schemas"]["TaskDefinitionSummary"];
        };
        /**
         * @description The status of one background task.
         * @example {
         *       "id": "00eebcf881994e419d72e757fd30dc0e",
         *       "type": "QUARTZ",
         *       "uniqueName": "Cloud Account Aggregation",
         *       "description": "Aggregate from the specified application",
         *       "parentName": null,
         *       "launcher": "2c9180835d2e5168015d32f890ca1581",
         *       "target": {
         *         "id": "c31386cb18bb403cbb6df4c86294ff82",
         *         "type": "APPLICATION",
         *         "name": "Active Directory [source]"
         *       },
         *       "created": "2020-07-11T00:00:00.000Z",
         *       "modified": "2020-07-11T00:02:41.000Z",
         *       "launched": "2020-07-11T00:00:00.000Z",
         *       "completed": "2020-07-11T00:02:41.000Z",
         *       "completionStatus": "Success",
         *       "messages": [
         *         {
         *           "type": "INFO",
         *           "localizedText": {
         *             "locale": "en-US",
         *             "message": "Aggregated 1,204 accounts"
         *           },
         *           "key": "aggregation.accounts.done",
         *           "parameters": [
         *             1204
         *           ]
         *         }
         *       ],
         *       "returns": [
         *         {
         *           "name": "accountsAggregated",
         *           "attributeName": "total"
         *         }
         *       ],
         *       "attributes": {
         *         "appId": "c31386cb18bb403cbb6df4c86294ff82"
         *       },
         *       "progress": "Completed",
         *       "percentComplete": 100
         *     }
         */
        TaskStatus: {
            id: components["schemas"]["TaskStatusId"];
            type: components["schemas"]["TaskType"];
            uniqueName: components["schemas"]["TaskStatusUniqueName"];
            description: components["schemas"]["TaskStatusDescription"];
            parentName: components["schemas"]["TaskStatusParentName"];
            launcher: components["schemas"]["TaskStatusLauncher"];
            target?: components["schemas"]["TaskTarget"];
            created: components["schemas"]["TaskStatusCreated"];
            modified: components["schemas"]["TaskStatusModified"];
            launched: components["schemas"]["TaskStatusLaunched"];
            completed: components["schemas"]["TaskStatusCompleted"];
            completionStatus: components["schemas"]["CompletionStatus"];
            messages: components["schemas"]["TaskStatusMessages"];
            returns: components["schemas"]["TaskStatusReturns"];
            attributes: components["schemas"]["TaskStatusAttributes"];
            progress: components["schemas"]["TaskStatusProgress"];
            percentComplete: components["schemas"]["TaskStatusPercentComplete"];
            taskDefinitionSummary?: components["schemas"]["TaskDefinitionSummary"];
        };
        TaskStatusList: components["schemas"]["TaskStatus"][];
        /**
         * @description One RFC 6902 operation. `value` is required by `add`, `replace` and `test`; `from` by
         *     `move` and `copy`. Paths are JSON Pointers; segments `__proto__`, `constructor` and
         *     `prototype` are refused. Members other than `op`, `path`, `from` and `value` are
         *     ignored, as RFC 6902 §4 requires.
         * @example {
         *       "op": "replace",
         *       "path": "/percentComplete",
         *       "value": 60
         *     }
         */
        JsonPatchOperation: {
            /** @enum {string} */
            op: "add" | "remove" | "replace" | "move" | "copy" | "test";
            /** @example /percentComplete */
            path: string;
            from?: string;
            /** @description Any JSON value. */
            value?: unknown;
        };
        /**
         * @description An RFC 6902 JSON Patch document. An empty patch (`[]`) is valid and changes nothing:
         *     the current document is returned and neither `modified` nor the `ETag` changes.
         * @example [
         *       {
         *         "op": "replace",
         *         "path": "/percentComplete",
         *         "value": 60
         *       },
         *       {
         *         "op": "add",
         *         "path": "/messages/-",
         *         "value": {
         *           "type": "INFO",
         *           "localizedText": {
         *             "locale": "en-US",
         *             "message": "Aggregated 600 of 1,000 accounts"
         *           },
         *           "key": "aggregation.progress",
         *           "parameters": [
         *             600,
         *             1000
         *           ]
         *         }
         *       },
         *       {
         *         "op": "replace",
         *         "path": "/progress",
         *         "value": "Aggregating accounts"
         *       }
         *     ]
         */
        JsonPatch: components["schemas"]["JsonPatchOperation"][];
        /**
         * @description An RFC 7396 JSON Merge Patch of a task status. Each member sets the document's member
         *     of that name; an object value merges into the member member by member, an array
         *     replaces it whole, and `null` removes it. `id`, `created` and `modified` may not
         *     appear. The result must be a valid `TaskStatus`.
         * @example {
         *       "percentComplete": 60,
         *       "progress": "Aggregating accounts",
         *       "attributes": {
         *         "appId": null
         *       }
         *     }
         */
        TaskStatusMergePatch: {
            [key: string]: unknown;
        };
        /**
         * @description The state of a human task, named as the Human Task Manager's constants. Whether it is suspended is kept apart, in `suspended`.
         * @example STATE_READY
         * @enum {string}
         */
        HumanTaskState: "STATE_READY" | "STATE_CLAIMED" | "STATE_FINISHED" | "STATE_TERMINATED";
        /**
         * @description An ISO 8601 duration: `P` then years, months, weeks, days (`P3D`, `P1Y2M`, `P2W`) and/or
         *     `T` then hours, minutes, seconds (`PT4H`, `PT30M`, `P1DT12H`). Whole numbers only.
         * @example P3D
         */
        IsoDuration: string | null;
        /**
         * @description Whether the owner may read the task's context.
         * @example AUTH_READER
         * @enum {string}
         */
        HumanTaskContextAuthorizationOfOwner: "AUTH_NONE" | "AUTH_READER";
        /**
         * @description Custom properties, name (1 to 255 characters) to value. In an update they merge into
         *     the task's own.
         * @example {
         *       "region": "EMEA"
         *     }
         */
        HumanTaskCustomProperties: {
            [key: string]: string;
        };
        /** @example Approve the access request of Jane Doe */
        HumanTaskDescription: string | null;
        /** @example Approve access */
        HumanTaskDisplayName: string | null;
        /** @example approvalHandler */
        HumanTaskEventHandlerName: string | null;
        /** @example true */
        HumanTaskIsBusinessRelevant: boolean;
        /** @example ApproveAccess */
        HumanTaskName: string;
        /** @example http://example.com/approvals */
        HumanTaskNamespace: string | null;
        /** @example _PI:9001016a.2c4e1f0c */
        HumanTaskParentContextID: string | null;
        /**
         * @description Lower numbers are more urgent.
         * @example 3
         */
        HumanTaskPriority: number | null;
        HumanTaskSupportsClaimIfSuspended: boolean;
        HumanTaskSupportsDelegation: boolean;
        HumanTaskSupportsFollowOnTasks: boolean;
        HumanTaskSupportsSubTasks: boolean;
        /** @example approval */
        HumanTaskType: string | null;
        /**
         * @description The properties a client may set on a human task, in an update or a bulk update.
         * @example {
         *       "priority": 1,
         *       "displayName": "Approve access (urgent)",
         *       "durationUntilDue": "PT4H",
         *       "customProperties": {
         *         "escalated": "true"
         *       }
         *     }
         */
        HumanTaskProperties: {
            contextAuthorizationOfOwner?: components["schemas"]["HumanTaskContextAuthorizationOfOwner"];
            customProperties?: components["schemas"]["HumanTaskCustomProperties"];
            description?: components["schemas"]["HumanTaskDescription"];
            displayName?: components["schemas"]["HumanTaskDisplayName"];
            durationUntilDeleted?: components["schemas"]["IsoDuration"];
            durationUntilDue?: components["schemas"]["IsoDuration"];
            eventHandlerName?: components["schemas"]["HumanTaskEventHandlerName"];
            isBusinessRelevant?: components["schemas"]["HumanTaskIsBusinessRelevant"];
            name?: components["schemas"]["HumanTaskName"];
            namespace?: components["schemas"]["HumanTaskNamespace"];
            parentContextID?: components["schemas"]["HumanTaskParentContextID"];
            priority?: components["schemas"]["HumanTaskPriority"];
            supportsClaimIfSuspended?: components["schemas"]["HumanTaskSupportsClaimIfSuspended"];
            supportsDelegation?: components["schemas"]["HumanTaskSupportsDelegation"];
            supportsFollowOnTasks?: components["schemas"]["HumanTaskSupportsFollowOnTasks"];
            supportsSubTasks?: components["schemas"]["HumanTaskSupportsSubTasks"];
            type?: components["schemas"]["HumanTaskType"];
        };
        /**
         * @description A new human task. Properties left out are null, false or empty.
         * @example {
         *       "name": "ApproveAccess",
         *       "displayName": "Approve access",
         *       "namespace": "http://example.com/approvals",
         *       "type": "approval",
         *       "priority": 3,
         *       "durationUntilDue": "P3D",
         *       "customProperties": {
         *         "region": "EMEA"
         *       }
         *     }
         */
        HumanTaskCreate: {
            contextAuthorizationOfOwner?: components["schemas"]["HumanTaskContextAuthorizationOfOwner"];
            customProperties?: components["schemas"]["HumanTaskCustomProperties"];
            description?: components["schemas"]["HumanTaskDescription"];
            displayName?: components["schemas"]["HumanTaskDisplayName"];
            durationUntilDeleted?: components["schemas"]["IsoDuration"];
            durationUntilDue?: components["schemas"]["IsoDuration"];
            eventHandlerName?: components["schemas"]["HumanTaskEventHandlerName"];
            isBusinessRelevant?: components["schemas"]["HumanTaskIsBusinessRelevant"];
            name: components["schemas"]["HumanTaskName"];
            namespace?: components["schemas"]["HumanTaskNamespace"];
            parentContextID?: components["schemas"]["HumanTaskParentContextID"];
            priority?: components["schemas"]["HumanTaskPriority"];
            supportsClaimIfSuspended?: components["schemas"]["HumanTaskSupportsClaimIfSuspended"];
            supportsDelegation?: components["schemas"]["HumanTaskSupportsDelegation"];
            supportsFollowOnTasks?: components["schemas"]["HumanTaskSupportsFollowOnTasks"];
            supportsSubTasks?: components["schemas"]["HumanTaskSupportsSubTasks"];
            type?: components["schemas"]["HumanTaskType"];
        };
        /** @description A human task. */
        HumanTask: {
            /**
             * @description Assigned by the server.
             * @example 7c4e1f0c2d3a4b5c8d9e0f1a2b3c4d5e
             */
            readonly tkiid: string;
            state: components["schemas"]["HumanTaskState"];
            readonly suspended: boolean;
            /**
             * @description Who claimed the task; null unless claimed (or finished by a claimer).
             * @example jane
             */
            readonly owner: string | null;
            /**
             * @description Who created the task.
             * @example anonymous
             */
            readonly originator: string;
            /** Format: date-time */
            readonly activationTime: string;
            /** Format: date-time */
            readonly lastModificationTime: string;
            /**
             * Format: date-time
             * @description `activationTime` plus `durationUntilDue`; null without a duration.
             */
            readonly dueTime: string | null;
            /**
             * Format: date-time
             * @description When the task was finished or terminated.
             */
            readonly completionTime: string | null;
            /**
             * Format: date-time
             * @description `completionTime` plus `durationUntilDeleted`; null until then. Once it has passed, taskd's retention sweeper deletes the task (its history ends with `TaskDeleted` by `taskd`).
             */
            readonly deletionTime: string | null;
            contextAuthorizationOfOwner: components["schemas"]["HumanTaskContextAuthorizationOfOwner"];
            customProperties: components["schemas"]["HumanTaskCustomProperties"];
            description: components["schemas"]["HumanTaskDescription"];
            displayName: components["schemas"]["HumanTaskDisplayName"];
            durationUntilDeleted: components["schemas"]["IsoDuration"];
            durationUntilDue: components["schemas"]["IsoDuration"];
            eventHandlerName: components["schemas"]["HumanTaskEventHandlerName"];
            isBusinessRelevant: components["schemas"]["HumanTaskIsBusinessRelevant"];
            name: components["schemas"]["HumanTaskName"];
            namespace: components["schemas"]["HumanTaskNamespace"];
            parentContextID: components["schemas"]["HumanTaskParentContextID"];
            priority: components["schemas"]["HumanTaskPriority"];
            supportsClaimIfSuspended: components["schemas"]["HumanTaskSupportsClaimIfSuspended"];
            supportsDelegation: components["schemas"]["HumanTaskSupportsDelegation"];
            supportsFollowOnTasks: components["schemas"]["HumanTaskSupportsFollowOnTasks"];
            supportsSubTasks: components["schemas"]["HumanTaskSupportsSubTasks"];
            type: components["schemas"]["HumanTaskType"];
        };
        HumanTaskList: {
            /** @description How many tasks match, over all pages. */
            total: number;
            offset: number;
            limit: number;
            items: components["schemas"]["HumanTask"][];
        };
        /**
         * @example {
         *       "updatedTaskIDs": [
         *         "7c4e1f0c2d3a4b5c8d9e0f1a2b3c4d5e",
         *         "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"
         *       ],
         *       "updatedPropertyValues": {
         *         "priority": 1,
         *         "customProperties": {
         *           "escalated": "true"
         *         }
         *       }
         *     }
         */
        HumanTaskBulkUpdate: {
            /**
             * @description The tasks to update (at most `BULK_MAX_IDS`, 50,000 by default). An id that names
             *     no task is reported in `failedUpdates`, whatever its form.
             */
            updatedTaskIDs: string[];
            updatedPropertyValues: components["schemas"]["HumanTaskProperties"];
        };
        /**
         * @example {
         *       "failedUpdates": [
         *         {
         *           "tkiid": "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e",
         *           "errorNumber": "CWTKA0024E",
         *           "errorMessage": "The task '0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e' does not exist; it might have been deleted in the meantime."
         *         }
         *       ]
         *     }
         */
        HumanTaskBulkUpdateResult: {
            failedUpdates: components["schemas"]["HumanTaskFailedUpdate"][];
        };
        HumanTaskFailedUpdate: {
            tkiid: string;
            errorNumber: components["schemas"]["HtmErrorNumber"];
            errorMessage: string;
        };
        OAuthTokenRequest: {
            /**
             * @description `client_credentials` is the only grant.
             * @example client_credentials
             */
            grant_type: string;
            /** @example launcher */
            client_id?: string;
            client_secret?: string;
            /** @description Space-separated scopes to ask for; at most the client's own. All of the client's own when absent. */
            scope?: string;
        };
        OAuthToken: {
            access_token: string;
            /** @enum {string} */
            token_type: "bearer";
            /**
             * @description Seconds until the token expires.
             * @example 900
             */
            expires_in: number;
            /** @example task-status:read task-status:write */
            scope: string;
        };
        OAuthError: {
            /** @enum {string} */
            error: "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope" | "temporarily_unavailable" | "server_error" | "too_many_requests";
            error_description?: string;
        };
        /**
         * @description The catalog of error numbers. Where the Human Task Manager has a message id for the
         *     condition, it is used; taskd's own conditions are numbered `TASKD0001E`–`TASKD0999E`.
         *
         *     | number | condition |
         *     |---|---|
         *     | CWTKA0003E | unexpected failure |
         *     | CWTKA0005E | a value is too long (a string, or more items than allowed) |
         *     | CWTKA0007E | the state of the task does not allow the action |
         *     | CWTKA0012E | not authorized (no or bad credentials, or a missing scope) |
         *     | CWTKA0013E | a mandatory parameter is missing |
         *     | CWTKA0024E | the task does not exist |
         *     | CWTKA0158E | a parameter or its value is not supported (an unknown action or property) |
         *     | TASKD0001E | the body is not valid JSON |
         *     | TASKD0002E | the content type is not supported |
         *     | TASKD0003E | the request is too large |
         *     | TASKD0004E | the method is not allowed on this path |
         *     | TASKD0005E | no such path |
         *     | TASKD0006E | a value has the wrong type or format |
         *     | TASKD0007E | the store is unavailable |
         *     | TASKD0008E | too many requests (rate limit) |
         *     | TASKD0009E | a watch cursor older than the log keeps: list again |
         *     | TASKD0010E | a request with the same Idempotency-Key is still being processed |
         *     | TASKD0011E | the Idempotency-Key was used before with a different request |
         * @enum {string}
         */
        HtmErrorNumber: "CWTKA0003E" | "CWTKA0005E" | "CWTKA0007E" | "CWTKA0012E" | "CWTKA0013E" | "CWTKA0024E" | "CWTKA0158E" | "TASKD0001E" | "TASKD0002E" | "TASKD0003E" | "TASKD0004E" | "TASKD0005E" | "TASKD0006E" | "TASKD0007E" | "TASKD0008E" | "TASKD0009E" | "TASKD0010E" | "TASKD0011E";
        /** @description The error body of the Human Task family. */
        HtmError: {
            errorNumber: components["schemas"]["HtmErrorNumber"];
            errorMessage: string;
            /** @description Present only when `HTM_PROGRAMMERS_DETAILS=true`; never a stack trace. */
            programmersDetails?: {
                [key: string]: unknown;
            };
        };
        ErrorMessageDto: {
            /** @example en-US */
            locale: string | null;
            /**
             * @example DEFAULT
             * @enum {string|null}
             */
            localeOrigin: "DEFAULT" | "REQUEST" | null;
            /** @example The request was syntactically correct but its content is semantically invalid. */
            text: string;
        };
        /** @description The error body of the Task Status family. */
        ErrorResponseDto: {
            /**
             * @description The HTTP status and its meaning.
             * @example 400.1 Bad Request Content
             */
            detailCode: string;
            /**
             * @description The request id, also in `X-Request-Id` and the logs.
             * @example 6b1b4f7cb6f94f47a3b8f6c1c2d4e5f6
             */
            trackingId: string;
            messages: components["schemas"]["ErrorMessageDto"][];
            /** @description Further detail, e.g. each validation failure. */
            causes: components["schemas"]["ErrorMessageDto"][];
        };
        /**
         * @description What a change did.
         * @enum {string}
         */
        ChangeKind: "create" | "patch" | "update" | "claim" | "cancelClaim" | "complete" | "suspend" | "resume" | "terminate" | "delete";
        WatchToken: {
            /** @description Pass it as `access_token` to `GET /task-status/watch` or `GET /v1/tasks/watch`. */
            token: string;
            /** @description Seconds the token is valid for. */
            expires_in: number;
            /**
             * @description The read scopes it carries, space-separated.
             * @example task-status:read task:read
             */
            scope: string;
        };
        /** @description One entry of the change log. */
        ChangeEntry: {
            /**
             * Format: int64
             * @description Store-wide, increasing in the order changes were committed.
             */
            sequence: number;
            /** Format: date-time */
            time: string;
            /** @enum {string} */
            family: "task-status" | "human-task";
            /** @description The task status's `id` or the human task's `tkiid`. */
            id: string;
            /** @description The version after the change (for a delete, one past the version deleted). */
            version: number;
            kind: components["schemas"]["ChangeKind"];
            /** @description Who made the change (`taskd` for taskd's own, such as retention). */
            principal: string;
            /**
             * @description The fields a watch filters on, after the change (before it, for a delete):
             *     `type`, `completionStatus`, `launcher` of a task status; `state`, `owner`,
             *     `namespace` of a human task.
             */
            subject: {
                [key: string]: string | null;
            };
            /**
             * @description Any JSON value (null included), which says what changed: the document, for a create; the JSON Patch as applied (with the
             *     server's replace of `/modified`), for a task status patch; for a human task, each
             *     changed property as `{property, name?, oldValue, newValue}` (`name` for a custom
             *     property); null for a delete.
             */
            changes: unknown;
        };
        HumanTaskHistoryEvent: {
            /**
             * @description The Human Task Manager's event types, for what taskd does: a create is
             *     `TaskCreated`; an update `TaskUpdated` (`TaskCustomPropertySet` when it changed only
             *     custom properties); claim, cancelClaim, complete, suspend, resume and terminate are
             *     `TaskClaimed`, `TaskClaimCancelled`, `TaskCompleted`, `TaskSuspended`, `TaskResumed`,
             *     `TaskTerminated`; a delete is `TaskDeleted`.
             * @enum {string}
             */
            event: "TaskCreated" | "TaskUpdated" | "TaskCustomPropertySet" | "TaskClaimed" | "TaskClaimCancelled" | "TaskCompleted" | "TaskSuspended" | "TaskResumed" | "TaskTerminated" | "TaskDeleted";
            /** @description Name of the principal who triggered the event. */
            principal: string;
            /** Format: date-time */
            timeStamp: string;
            /**
             * Format: int64
             * @description taskd's change-log sequence number of the event.
             */
            sequence: number;
            /** @description The task's version after the event. */
            version: number;
            /** @description Any JSON value (null included); each changed property as `{property, name?, oldValue, newValue}`; the task, for `TaskCreated`; null for `TaskDeleted`. */
            changes: unknown;
        };
        HumanTaskHistory: {
            tkiid: string;
            items: components["schemas"]["HumanTaskHistoryEvent"][];
        };
        /**
         * @description What happened. `task-status.completed` comes with the `task-status.updated` (or
         *     `.created`) of the change that gave the task status a `completionStatus`.
         * @enum {string}
         */
        WebhookEventType: "task-status.created" | "task-status.updated" | "task-status.completed" | "task-status.deleted" | "human-task.created" | "human-task.updated" | "human-task.claimed" | "human-task.claim-cancelled" | "human-task.completed" | "human-task.suspended" | "human-task.resumed" | "human-task.terminated" | "human-task.deleted";
        WebhookSubscriptionCreate: {
            /** @description An absolute http or https URL; events are POSTed to it. */
            url: string;
            eventTypes: components["schemas"]["WebhookEventType"][];
            /** @description Task statuses only, in the `filters` syntax of `GET /task-status`; human-task events are not filtered. */
            filter?: string | null;
            /**
             * @description `thin`: ids, version and sequence; `full`: the document as it is when the event is delivered, too.
             * @default thin
             * @enum {string}
             */
            payload: "thin" | "full";
            /** @description `true` starts a disabled subscription again; `false` is refused. */
            enabled?: boolean;
        };
        WebhookSubscriptionPatch: {
            url?: string;
            eventTypes?: components["schemas"]["WebhookEventType"][];
            filter?: string | null;
            /** @enum {string} */
            payload?: "thin" | "full";
            enabled?: boolean;
        };
        WebhookSubscription: {
            id: string;
            url: string;
            eventTypes: components["schemas"]["WebhookEventType"][];
            filter: string | null;
            /** @enum {string} */
            payload: "thin" | "full";
            enabled: boolean;
            /** @description Why delivery stopped (the receiver answered 410, retries ran out), or null. */
            disabledReason: string | null;
            /**
             * Format: int64
             * @description The last change-log sequence delivered (or passed over as not wanted).
             */
            position: number;
            /** @description Failed attempts in a row. */
            failures: number;
            /**
             * Format: date-time
             * @description When the next attempt is due, while failures back delivery off.
             */
            nextAttempt?: string;
            /** Format: date-time */
            created: string;
            /** Format: date-time */
            modified: string;
        };
        WebhookSubscriptionWithSecret: components["schemas"]["WebhookSubscription"] & {
            /** @description `whsec_` and the base64 of 32 random bytes; shown only here. */
            secret: string;
        };
        WebhookDelivery: {
            webhookId: string;
            eventType: components["schemas"]["WebhookEventType"];
            /** Format: int64 */
            sequence: number;
            attempt: number;
            /** Format: date-time */
            time: string;
            status: number | null;
            /** @enum {string} */
            outcome: "delivered" | "failed";
            latencyMs: number;
            error: string | null;
        };
    };
    responses: {
        /** @description The cursor is older than the change log keeps; list again, then watch from the list's `X-Change-Sequence`. */
        Gone: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description The cursor is older than the change log keeps (`TASKD0009E`); query again. */
        HtmGone: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HtmError"];
            };
        };
        /** @description A request with the same `Idempotency-Key` is still being processed; nothing was changed. Retry later. */
        IdempotencyKeyInUse: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description The `Idempotency-Key` was used before with a different request; nothing was changed. */
        IdempotencyKeyReused: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description A request with the same `Idempotency-Key` is still being processed; nothing was changed. Retry later. */
        HtmIdempotencyKeyInUse: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HtmError"];
            };
        };
        /** @description The `Idempotency-Key` was used before with a different request; nothing was changed. */
        HtmIdempotencyKeyReused: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HtmError"];
            };
        };
        /** @description No credentials, or credentials that are not valid (unknown, expired, wrong signature). */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description Valid credentials without the scope the operation needs. */
        Forbidden: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description Over the rate limit of this principal (or address), or past the failed authentications allowed from this address or with this credential; retry after `Retry-After` seconds. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description No credentials, or credentials that are not valid. */
        HtmUnauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HtmError"];
            };
        };
        /** @description Valid credentials without the scope the operation needs. */
        HtmForbidden: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HtmError"];
            };
        };
        /** @description Over the rate limit, or past the failed authentications allowed; retry after `Retry-After` seconds. */
        HtmTooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HtmError"];
            };
        };
        /** @description An RFC 6749 §5.2 error. */
        OAuthError: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                "Retry-After": components["headers"]["Retry-After"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description The request is invalid; nothing was changed. */
        HtmBadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "errorNumber": "CWTKA0158E",
                 *       "errorMessage": "The value of parameter 'action' is not supported: 'approve'."
                 *     }
                 */
                "application/json": components["schemas"]["HtmError"];
            };
        };
        /** @description No such task. */
        HtmNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "errorNumber": "CWTKA0024E",
                 *       "errorMessage": "The task '7c4e1f0c2d3a4b5c8d9e0f1a2b3c4d5e' does not exist; it might have been deleted in the meantime."
                 *     }
                 */
                "application/json": components["schemas"]["HtmError"];
            };
        };
        /** @description The task's state does not allow the action, or a request with the same `Idempotency-Key` is still being processed; nothing was changed. */
        HtmConflict: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "errorNumber": "CWTKA0007E",
                 *       "errorMessage": "The state of the task '7c4e1f0c2d3a4b5c8d9e0f1a2b3c4d5e' (STATE_FINISHED) does not allow the action 'claim'."
                 *     }
                 */
                "application/json": components["schemas"]["HtmError"];
            };
        };
        /** @description An error of the Human Task family (413, 415, 500, 503, …). */
        HtmError: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HtmError"];
            };
        };
        /** @description The request is malformed or its content is invalid; nothing was changed. */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detailCode": "400.1 Bad Request Content",
                 *       "trackingId": "6b1b4f7cb6f94f47a3b8f6c1c2d4e5f6",
                 *       "messages": [
                 *         {
                 *           "locale": "en-US",
                 *           "localeOrigin": "DEFAULT",
                 *           "text": "body/percentComplete must be <= 100"
                 *         }
                 *       ],
                 *       "causes": []
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description No such resource. */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detailCode": "404 Not found",
                 *       "trackingId": "6b1b4f7cb6f94f47a3b8f6c1c2d4e5f6",
                 *       "messages": [
                 *         {
                 *           "locale": "en-US",
                 *           "localeOrigin": "DEFAULT",
                 *           "text": "Task status '00eebcf881994e419d72e757fd30dc0e' was not found"
                 *         }
                 *       ],
                 *       "causes": []
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description A JSON Patch `test` operation failed, or a request with the same `Idempotency-Key` is still being processed; nothing was changed. */
        Conflict: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description `If-Match` does not match the current entity tag; nothing was changed. */
        PreconditionFailed: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /**
         * @description The body is larger than the configured limit, the document it would store is larger than
         *     its family's bound, or the JSON Patch would do more work than a patch may.
         */
        PayloadTooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description The body's content type is not accepted by this operation. */
        UnsupportedMediaType: {
            headers: {
                "Accept-Patch": components["headers"]["Accept-Patch"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /**
         * @description The id is `pending-tasks`, `watch` or `watch-tokens`, which name paths of their own (a
         *     concrete path matches before a templated one): such a path takes only the methods `Allow`
         *     lists.
         */
        MethodNotAllowed: {
            headers: {
                /** @description The methods the path takes. */
                Allow?: string;
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description The store holds as many webhook subscriptions as it may (1000); nothing was created. */
        WebhookLimit: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description An unexpected failure (500) or an unavailable store (503). No internal detail is returned. */
        UnexpectedError: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
    };
    parameters: {
        /** @description A stream token from `POST /task-status/watch-tokens`, for clients that cannot send `Authorization` (a browser's `EventSource`). */
        streamAccessToken: string;
        /** @description The sequence to resume after (the last event id received, or a list's `X-Change-Sequence`); `Last-Event-ID` wins when both are sent. */
        watchSince: string;
        /** @description The id of the last event received; sent by an `EventSource` when it reconnects. */
        lastEventId: string;
        /**
         * @description Makes a retry of this request safe (draft-ietf-httpapi-idempotency-key-header): the first
         *     request with a key runs and its response is kept under the key, for the caller and this
         *     operation, for `IDEMPOTENCY_KEY_TTL` seconds (24 hours by default). The same key with the
         *     same request (method, path, query and body) answers that response again, with
         *     `Idempotency-Replayed: true`, and changes nothing; with a different request, 422; while
         *     the first is still being processed, 409 (retry later). Only a response whose change was
         *     made is kept: after an error, a retry runs again. The key is 1 to 255 visible ASCII
         *     characters without `"` or `\`, as a structured-field string (`"key"`) or bare; another value
         *     is a 400. A response body over `IDEMPOTENCY_MAX_RESPONSE_BYTES` is kept without it: its replay
         *     has the status, `Location` and `ETag` and an empty body.
         * @example "8e03978e-40d5-43e8-bc93-6894a57f9324"
         */
        IdempotencyKey: string;
        /** @description The subscription's id. */
        webhookSubscriptionId: string;
        /**
         * @description The human task's id; more than 128 characters is a 400.
         * @example 7c4e1f0c2d3a4b5c8d9e0f1a2b3c4d5e
         */
        tkiid: string;
        /**
         * @description The task status id (32 lowercase hexadecimal characters); more than 128 characters is a 400.
         * @example 00eebcf881994e419d72e757fd30dc0e
         */
        taskStatusPathId: string;
        /** @description The page size. */
        limit: number;
        /** @description How many results to skip. */
        offset: number;
        /** @description When true, the total number of matches is returned in `X-Total-Count`. */
        count: boolean;
        /**
         * @description A V3 filter expression (see the operation's description).
         * @example completionStatus eq "Success" and type in ("QUARTZ","QPOC")
         */
        filters: string;
        /**
         * @description Comma list of sort fields, each with an optional `-` for descending.
         * @example -created,uniqueName
         */
        sorters: string;
    };
    requestBodies: never;
    headers: {
        /** @description `true` on a response replayed for a repeated `Idempotency-Key`: the request changed nothing this time. */
        "Idempotency-Replayed": "true";
        /** @description The authentication scheme and, on refusal, why (RFC 6750 §3). */
        "WWW-Authenticate": string;
        /** @description Seconds to wait before retrying. */
        "Retry-After": number;
        /** @description The request id; the same value as `trackingId` in error bodies and in the logs. */
        "X-Request-Id": string;
        /**
         * @description The change-log sequence the list was read at: every change up to it is reflected in the
         *     list. Watch from it (`since`) to receive every change after the list, none missed.
         */
        "X-Change-Sequence": number;
        /** @description The total number of matches, present when `count=true`. */
        "X-Total-Count": number;
        /** @description The URL of the created resource. */
        Location: string;
        /** @description The entity tag of the returned version; send it back in `If-Match`. */
        ETag: string;
        /** @description The patch document formats accepted (RFC 5789). */
        "Accept-Patch": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getTaskStatusList: {
        parameters: {
            query?: {
                /** @description The page size. */
                limit?: components["parameters"]["limit"];
                /** @description How many results to skip. */
                offset?: components["parameters"]["offset"];
                /** @description When true, the total number of matches is returned in `X-Total-Count`. */
                count?: components["parameters"]["count"];
                /**
                 * @description A V3 filter expression (see the operation's description).
                 * @example completionStatus eq "Success" and type in ("QUARTZ","QPOC")
                 */
                filters?: components["parameters"]["filters"];
                /**
                 * @description Comma list of sort fields, each with an optional `-` for descending.
                 * @example -created,uniqueName
                 */
                sorters?: components["parameters"]["sorters"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task statuses of the requested page. */
            200: {
                headers: {
                    "X-Change-Sequence": components["headers"]["X-Change-Sequence"];
                    "X-Total-Count": components["headers"]["X-Total-Count"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskStatusList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createTaskStatus: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry of this request safe (draft-ietf-httpapi-idempotency-key-header): the first
                 *     request with a key runs and its response is kept under the key, for the caller and this
                 *     operation, for `IDEMPOTENCY_KEY_TTL` seconds (24 hours by default). The same key with the
                 *     same request (method, path, query and body) answers that response again, with
                 *     `Idempotency-Replayed: true`, and changes nothing; with a different request, 422; while
                 *     the first is still being processed, 409 (retry later). Only a response whose change was
                 *     made is kept: after an error, a retry runs again. The key is 1 to 255 visible ASCII
                 *     characters without `"` or `\`, as a structured-field string (`"key"`) or bare; another value
                 *     is a 400. A response body over `IDEMPOTENCY_MAX_RESPONSE_BYTES` is kept without it: its replay
                 *     has the status, `Location` and `ETag` and an empty body.
                 * @example "8e03978e-40d5-43e8-bc93-6894a57f9324"
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskStatusCreate"];
            };
        };
        responses: {
            /** @description The stored task status. */
            201: {
                headers: {
                    "Idempotency-Replayed": components["headers"]["Idempotency-Replayed"];
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["IdempotencyKeyInUse"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getPendingTasks: {
        parameters: {
            query?: {
                /** @description The page size. */
                limit?: components["parameters"]["limit"];
                /** @description How many results to skip. */
                offset?: components["parameters"]["offset"];
                /** @description When true, the total number of matches is returned in `X-Total-Count`. */
                count?: components["parameters"]["count"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The pending task statuses of the requested page. */
            200: {
                headers: {
                    "X-Change-Sequence": components["headers"]["X-Change-Sequence"];
                    "X-Total-Count": components["headers"]["X-Total-Count"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskStatusList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getPendingTaskHeaders: {
        parameters: {
            query?: {
                /** @description The page size. */
                limit?: components["parameters"]["limit"];
                /** @description How many results to skip. */
                offset?: components["parameters"]["offset"];
                /** @description When true, the total number of matches is returned in `X-Total-Count`. */
                count?: components["parameters"]["count"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The count, in `X-Total-Count`. */
            200: {
                headers: {
                    "X-Total-Count": components["headers"]["X-Total-Count"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid paging parameters (no body, as for every HEAD response). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No or bad credentials (no body, as for every HEAD response). */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The credentials lack the scope (no body). */
            403: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests (no body). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unexpected failure (no body, as for every HEAD response). */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    watchTaskStatuses: {
        parameters: {
            query?: {
                /** @description The sequence to resume after (the last event id received, or a list's `X-Change-Sequence`); `Last-Event-ID` wins when both are sent. */
                since?: components["parameters"]["watchSince"];
                /** @description A stream token from `POST /task-status/watch-tokens`, for clients that cannot send `Authorization` (a browser's `EventSource`). */
                access_token?: components["parameters"]["streamAccessToken"];
                /**
                 * @description Which changes to send, e.g. `type eq "QUARTZ" and completionStatus isnull`.
                 * @example type eq "QUARTZ" and launcher eq "support"
                 */
                filters?: string;
            };
            header?: {
                /** @description The id of the last event received; sent by an `EventSource` when it reconnects. */
                "Last-Event-ID"?: components["parameters"]["lastEventId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream of changes. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example id: 42
                     *     event: patch
                     *     data: {"sequence":42,"time":"2026-12-02T10:00:00.000Z","family":"task-status","id":"00eebcf881994e419d72e757fd30dc0e","version":3,"kind":"patch","principal":"alice","subject":{"type":"QUARTZ","completionStatus":null,"launcher":"support"},"changes":[{"op":"replace","path":"/percentComplete","value":40}]}
                     */
                    "text/event-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            410: components["responses"]["Gone"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createWatchToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream token. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WatchToken"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getTaskStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The task status id (32 lowercase hexadecimal characters); more than 128 characters is a 400.
                 * @example 00eebcf881994e419d72e757fd30dc0e
                 */
                id: components["parameters"]["taskStatusPathId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task status. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteTaskStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The task status id (32 lowercase hexadecimal characters); more than 128 characters is a 400.
                 * @example 00eebcf881994e419d72e757fd30dc0e
                 */
                id: components["parameters"]["taskStatusPathId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    optionsTaskStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The task status id (32 lowercase hexadecimal characters); more than 128 characters is a 400.
                 * @example 00eebcf881994e419d72e757fd30dc0e
                 */
                id: components["parameters"]["taskStatusPathId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The allowed methods and the accepted patch format. */
            204: {
                headers: {
                    /** @description The methods a task status accepts. */
                    Allow?: string;
                    "Accept-Patch": components["headers"]["Accept-Patch"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            405: components["responses"]["MethodNotAllowed"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    updateTaskStatus: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry of this request safe (draft-ietf-httpapi-idempotency-key-header): the first
                 *     request with a key runs and its response is kept under the key, for the caller and this
                 *     operation, for `IDEMPOTENCY_KEY_TTL` seconds (24 hours by default). The same key with the
                 *     same request (method, path, query and body) answers that response again, with
                 *     `Idempotency-Replayed: true`, and changes nothing; with a different request, 422; while
                 *     the first is still being processed, 409 (retry later). Only a response whose change was
                 *     made is kept: after an error, a retry runs again. The key is 1 to 255 visible ASCII
                 *     characters without `"` or `\`, as a structured-field string (`"key"`) or bare; another value
                 *     is a 400. A response body over `IDEMPOTENCY_MAX_RESPONSE_BYTES` is kept without it: its replay
                 *     has the status, `Location` and `ETag` and an empty body.
                 * @example "8e03978e-40d5-43e8-bc93-6894a57f9324"
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description One or more entity tags (or `*`); the patch applies only if one matches. */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The task status id (32 lowercase hexadecimal characters); more than 128 characters is a 400.
                 * @example 00eebcf881994e419d72e757fd30dc0e
                 */
                id: components["parameters"]["taskStatusPathId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json-patch+json": components["schemas"]["JsonPatch"];
                "application/json": components["schemas"]["JsonPatch"];
                "application/merge-patch+json": components["schemas"]["TaskStatusMergePatch"];
            };
        };
        responses: {
            /** @description The updated task status. */
            200: {
                headers: {
                    "Idempotency-Replayed": components["headers"]["Idempotency-Replayed"];
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getTaskStatusHistory: {
        parameters: {
            query?: {
                /** @description The page size. */
                limit?: components["parameters"]["limit"];
                /** @description How many results to skip. */
                offset?: components["parameters"]["offset"];
            };
            header?: never;
            path: {
                /**
                 * @description The task status id (32 lowercase hexadecimal characters); more than 128 characters is a 400.
                 * @example 00eebcf881994e419d72e757fd30dc0e
                 */
                id: components["parameters"]["taskStatusPathId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the task status's changes. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeEntry"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listWebhookSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscriptions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"][];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookSubscriptionCreate"];
            };
        };
        responses: {
            /** @description The subscription, with its secret. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["WebhookLimit"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription and how its delivery goes. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    replaceWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookSubscriptionCreate"];
            };
        };
        responses: {
            /** @description The changed subscription. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    updateWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["WebhookSubscriptionPatch"];
                "application/json": components["schemas"]["WebhookSubscriptionPatch"];
            };
        };
        responses: {
            /** @description The changed subscription. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription, with its new secret. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description The most attempts to return (1 to 200, 50 by default). */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attempts. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    replayWebhookEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    fromSequence: number;
                };
            };
        };
        responses: {
            /** @description The subscription, from its new position. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    redeliverWebhookEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription's id. */
                id: components["parameters"]["webhookSubscriptionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    sequence: number;
                };
            };
        };
        responses: {
            /** @description The attempts, one per event, in the order sent. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    issueOAuthToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["OAuthTokenRequest"];
                "multipart/form-data": components["schemas"]["OAuthTokenRequest"];
            };
        };
        responses: {
            /** @description The access token. */
            200: {
                headers: {
                    /** @description Always `no-store` (RFC 6749 §5.1). */
                    "Cache-Control"?: string;
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthToken"];
                };
            };
            400: components["responses"]["OAuthError"];
            401: components["responses"]["OAuthError"];
            413: components["responses"]["OAuthError"];
            415: components["responses"]["OAuthError"];
            429: components["responses"]["OAuthError"];
            default: components["responses"]["OAuthError"];
        };
    };
    bulkUpdateHumanTasks: {
        parameters: {
            query: {
                /** @description The bulk action; `update` is the only one. */
                action: "update";
            };
            header?: {
                /**
                 * @description Makes a retry of this request safe (draft-ietf-httpapi-idempotency-key-header): the first
                 *     request with a key runs and its response is kept under the key, for the caller and this
                 *     operation, for `IDEMPOTENCY_KEY_TTL` seconds (24 hours by default). The same key with the
                 *     same request (method, path, query and body) answers that response again, with
                 *     `Idempotency-Replayed: true`, and changes nothing; with a different request, 422; while
                 *     the first is still being processed, 409 (retry later). Only a response whose change was
                 *     made is kept: after an error, a retry runs again. The key is 1 to 255 visible ASCII
                 *     characters without `"` or `\`, as a structured-field string (`"key"`) or bare; another value
                 *     is a 400. A response body over `IDEMPOTENCY_MAX_RESPONSE_BYTES` is kept without it: its replay
                 *     has the status, `Location` and `ETag` and an empty body.
                 * @example "8e03978e-40d5-43e8-bc93-6894a57f9324"
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HumanTaskBulkUpdate"];
            };
        };
        responses: {
            /** @description Empty when every update succeeded; otherwise the failed updates. */
            200: {
                headers: {
                    "Idempotency-Replayed": components["headers"]["Idempotency-Replayed"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HumanTaskBulkUpdateResult"];
                };
            };
            400: components["responses"]["HtmBadRequest"];
            401: components["responses"]["HtmUnauthorized"];
            403: components["responses"]["HtmForbidden"];
            409: components["responses"]["HtmIdempotencyKeyInUse"];
            413: components["responses"]["HtmError"];
            415: components["responses"]["HtmError"];
            422: components["responses"]["HtmIdempotencyKeyReused"];
            429: components["responses"]["HtmTooManyRequests"];
            default: components["responses"]["HtmError"];
        };
    };
    createHumanTask: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry of this request safe (draft-ietf-httpapi-idempotency-key-header): the first
                 *     request with a key runs and its response is kept under the key, for the caller and this
                 *     operation, for `IDEMPOTENCY_KEY_TTL` seconds (24 hours by default). The same key with the
                 *     same request (method, path, query and body) answers that response again, with
                 *     `Idempotency-Replayed: true`, and changes nothing; with a different request, 422; while
                 *     the first is still being processed, 409 (retry later). Only a response whose change was
                 *     made is kept: after an error, a retry runs again. The key is 1 to 255 visible ASCII
                 *     characters without `"` or `\`, as a structured-field string (`"key"`) or bare; another value
                 *     is a 400. A response body over `IDEMPOTENCY_MAX_RESPONSE_BYTES` is kept without it: its replay
                 *     has the status, `Location` and `ETag` and an empty body.
                 * @example "8e03978e-40d5-43e8-bc93-6894a57f9324"
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HumanTaskCreate"];
            };
        };
        responses: {
            /** @description The created task. */
            201: {
                headers: {
                    "Idempotency-Replayed": components["headers"]["Idempotency-Replayed"];
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HumanTask"];
                };
            };
            400: components["responses"]["HtmBadRequest"];
            401: components["responses"]["HtmUnauthorized"];
            403: components["responses"]["HtmForbidden"];
            409: components["responses"]["HtmIdempotencyKeyInUse"];
            413: components["responses"]["HtmError"];
            415: components["responses"]["HtmError"];
            422: components["responses"]["HtmIdempotencyKeyReused"];
            429: components["responses"]["HtmTooManyRequests"];
            default: components["responses"]["HtmError"];
        };
    };
    getHumanTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The human task's id; more than 128 characters is a 400.
                 * @example 7c4e1f0c2d3a4b5c8d9e0f1a2b3c4d5e
                 */
                tkiid: components["parameters"]["tkiid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HumanTask"];
                };
            };
            400: components["responses"]["HtmBadRequest"];
            401: components["responses"]["HtmUnauthorized"];
            403: components["responses"]["HtmForbidden"];
            404: components["responses"]["HtmNotFound"];
            429: components["responses"]["HtmTooManyRequests"];
            default: components["responses"]["HtmError"];
        };
    };
    actOnHumanTask: {
        parameters: {
            query: {
                action: "update" | "claim" | "cancelClaim" | "complete" | "suspend" | "resume" | "terminate";
            };
            header?: {
                /**
                 * @description Makes a retry of this request safe (draft-ietf-httpapi-idempotency-key-header): the first
                 *     request with a key runs and its response is kept under the key, for the caller and this
                 *     operation, for `IDEMPOTENCY_KEY_TTL` seconds (24 hours by default). The same key with the
                 *     same request (method, path, query and body) answers that response again, with
                 *     `Idempotency-Replayed: true`, and changes nothing; with a different request, 422; while
                 *     the first is still being processed, 409 (retry later). Only a response whose change was
                 *     made is kept: after an error, a retry runs again. The key is 1 to 255 visible ASCII
                 *     characters without `"` or `\`, as a structured-field string (`"key"`) or bare; another value
                 *     is a 400. A response body over `IDEMPOTENCY_MAX_RESPONSE_BYTES` is kept without it: its replay
                 *     has the status, `Location` and `ETag` and an empty body.
                 * @example "8e03978e-40d5-43e8-bc93-6894a57f9324"
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The human task's id; more than 128 characters is a 400.
                 * @example 7c4e1f0c2d3a4b5c8d9e0f1a2b3c4d5e
                 */
                tkiid: components["parameters"]["tkiid"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["HumanTaskProperties"];
            };
        };
        responses: {
            /** @description The task after the action. */
            200: {
                headers: {
                    "Idempotency-Replayed": components["headers"]["Idempotency-Replayed"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HumanTask"];
                };
            };
            400: components["responses"]["HtmBadRequest"];
            401: components["responses"]["HtmUnauthorized"];
            403: components["responses"]["HtmForbidden"];
            404: components["responses"]["HtmNotFound"];
            409: components["responses"]["HtmConflict"];
            413: components["responses"]["HtmError"];
            415: components["responses"]["HtmError"];
            422: components["responses"]["HtmIdempotencyKeyReused"];
            429: components["responses"]["HtmTooManyRequests"];
            default: components["responses"]["HtmError"];
        };
    };
    deleteHumanTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The human task's id; more than 128 characters is a 400.
                 * @example 7c4e1f0c2d3a4b5c8d9e0f1a2b3c4d5e
                 */
                tkiid: components["parameters"]["tkiid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["HtmBadRequest"];
            401: components["responses"]["HtmUnauthorized"];
            403: components["responses"]["HtmForbidden"];
            404: components["responses"]["HtmNotFound"];
            429: components["responses"]["HtmTooManyRequests"];
            default: components["responses"]["HtmError"];
        };
    };
    getHumanTaskHistory: {
        parameters: {
            query?: {
                /** @description How many items to skip. */
                offset?: number;
                /** @description The most items to return. */
                limit?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The human task's id; more than 128 characters is a 400.
                 * @example 7c4e1f0c2d3a4b5c8d9e0f1a2b3c4d5e
                 */
                tkiid: components["parameters"]["tkiid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task's history. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HumanTaskHistory"];
                };
            };
            400: components["responses"]["HtmBadRequest"];
            401: components["responses"]["HtmUnauthorized"];
            403: components["responses"]["HtmForbidden"];
            404: components["responses"]["HtmNotFound"];
            429: components["responses"]["HtmTooManyRequests"];
            default: components["responses"]["HtmError"];
        };
    };
    queryHumanTasks: {
        parameters: {
            query?: {
                state?: components["schemas"]["HumanTaskState"];
                suspended?: boolean;
                owner?: string;
                namespace?: string;
                type?: string;
                /** @description Only tasks whose priority is at least this. */
                priorityMin?: number;
                /** @description Only tasks whose priority is at most this. */
                priorityMax?: number;
                customPropertyName?: string;
                customPropertyValue?: string;
                /** @example -priority,dueTime */
                sort?: string;
                offset?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of matching tasks and the total number of matches. */
            200: {
                headers: {
                    "X-Change-Sequence": components["headers"]["X-Change-Sequence"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HumanTaskList"];
                };
            };
            400: components["responses"]["HtmBadRequest"];
            401: components["responses"]["HtmUnauthorized"];
            403: components["responses"]["HtmForbidden"];
            429: components["responses"]["HtmTooManyRequests"];
            default: components["responses"]["HtmError"];
        };
    };
    watchHumanTasks: {
        parameters: {
            query?: {
                /** @description The sequence to resume after (the last event id received, or a list's `X-Change-Sequence`); `Last-Event-ID` wins when both are sent. */
                since?: components["parameters"]["watchSince"];
                /** @description A stream token from `POST /task-status/watch-tokens`, for clients that cannot send `Authorization` (a browser's `EventSource`). */
                access_token?: components["parameters"]["streamAccessToken"];
                state?: components["schemas"]["HumanTaskState"];
                owner?: string;
                namespace?: string;
            };
            header?: {
                /** @description The id of the last event received; sent by an `EventSource` when it reconnects. */
                "Last-Event-ID"?: components["parameters"]["lastEventId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream of changes. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            400: components["responses"]["HtmBadRequest"];
            401: components["responses"]["HtmUnauthorized"];
            403: components["responses"]["HtmForbidden"];
            410: components["responses"]["HtmGone"];
            429: components["responses"]["HtmTooManyRequests"];
            default: components["responses"]["HtmError"];
        };
    };
}
