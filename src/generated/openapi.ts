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
         *     by `id`, so paging is stable; `null` sorts after every value ascending. Without
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
    "/task-status/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The task status id (32 lowercase hexadecimal characters).
                 * @example 00eebcf881994e419d72e757fd30dc0e
                 */
                id: components["parameters"]["taskStatusId"];
            };
            cookie?: never;
        };
        /** Get a task status */
        get: operations["getTaskStatus"];
        put?: never;
        post?: never;
        /** Delete a task status */
        delete: operations["deleteTaskStatus"];
        /**
         * Describe what a task status accepts
         * @description Advertises the methods and, per RFC 5789, the patch document format.
         */
        options: operations["optionsTaskStatus"];
        head?: never;
        /**
         * Update a task status with a JSON Patch
         * @description Applies an RFC 6902 JSON Patch atomically: every operation applies, or none does and
         *     the stored document is unchanged. The result must be a valid `TaskStatus`; `id`,
         *     `created` and `modified` are read-only and `modified` is set by the server.
         *     A failed `test` operation gives 409. `If-Match` makes the update conditional on the
         *     current `ETag` (412 when it does not match).
         */
        patch: operations["updateTaskStatus"];
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
            type: components["schemas"]["TaskStatus"]["type"];
            uniqueName: components["schemas"]["TaskStatus"]["uniqueName"];
            description: components["schemas"]["TaskStatus"]["description"];
            parentName?: components["schemas"]["TaskStatus"]["parentName"];
            launcher: components["schemas"]["TaskStatus"]["launcher"];
            target?: components["schemas"]["TaskStatus"]["target"];
            launched?: components["schemas"]["TaskStatus"]["launched"];
            completed?: components["schemas"]["TaskStatus"]["completed"];
            completionStatus?: components["schemas"]["TaskStatus"]["completionStatus"];
            messages?: components["schemas"]["TaskStatus"]["messages"];
            returns?: components["schemas"]["TaskStatus"]["returns"];
            attributes?: components["schemas"]["TaskStatus"]["attributes"];
            progress?: components["schemas"]["TaskStatus"]["progress"];
            percentComplete?: components["schemas"]["TaskStatus"]["percentComplete"];
            taskDefinitionSummary?: components["schemas"]["TaskStatus"]["taskDefinitionSummary"];
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
            /** @example Cloud Account Aggregation */
            uniqueName: string;
            /** @example Aggregate from the specified application */
            description: string;
            /** @example Audit Report */
            parentName: string | null;
            /** @example 2c9180835d2e5168015d32f890ca1581 */
            launcher: string;
            target?: components["schemas"]["TaskTarget"];
            /**
             * Format: date-time
             * @description Set by the server when the task status is created.
             * @example 2020-07-11T00:00:00.000Z
             */
            readonly created: string;
            /**
             * Format: date-time
             * @description Set by the server on every change.
             * @example 2020-07-11T00:02:41.000Z
             */
            readonly modified: string;
            /**
             * Format: date-time
             * @example 2020-07-11T00:00:00.000Z
             */
            launched: string | null;
            /**
             * Format: date-time
             * @example 2020-07-11T00:02:41.000Z
             */
            completed: string | null;
            completionStatus: components["schemas"]["CompletionStatus"];
            messages: components["schemas"]["TaskStatusMessage"][];
            returns: components["schemas"]["TaskReturnDetails"][];
            /**
             * @description Free-form attributes of the task.
             * @example {
             *       "appId": "c31386cb18bb403cbb6df4c86294ff82"
             *     }
             */
            attributes: {
                [key: string]: unknown;
            };
            /** @example Aggregated 500 of 1204 accounts */
            progress: string | null;
            /** @example 41 */
            percentComplete: number;
            taskDefinitionSummary?: components["schemas"]["TaskDefinitionSummary"];
        };
        TaskStatusList: components["schemas"]["TaskStatus"][];
        /**
         * @description One RFC 6902 operation. `value` is required by `add`, `replace` and `test`; `from` by
         *     `move` and `copy`. Paths are JSON Pointers; segments `__proto__`, `constructor` and
         *     `prototype` are refused.
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
         * @description An RFC 6902 JSON Patch document.
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
    };
    responses: {
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
        /** @description A JSON Patch `test` operation failed; nothing was changed. */
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
        /** @description The body is larger than the configured limit. */
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
        /**
         * @description The task status id (32 lowercase hexadecimal characters).
         * @example 00eebcf881994e419d72e757fd30dc0e
         */
        taskStatusId: string;
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
        /** @description The request id; the same value as `trackingId` in error bodies and in the logs. */
        "X-Request-Id": string;
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
                    "X-Total-Count": components["headers"]["X-Total-Count"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskStatusList"];
                };
            };
            400: components["responses"]["BadRequest"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createTaskStatus: {
        parameters: {
            query?: never;
            header?: never;
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
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
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
                    "X-Total-Count": components["headers"]["X-Total-Count"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskStatusList"];
                };
            };
            400: components["responses"]["BadRequest"];
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
            /** @description Unexpected failure (no body, as for every HEAD response). */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getTaskStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The task status id (32 lowercase hexadecimal characters).
                 * @example 00eebcf881994e419d72e757fd30dc0e
                 */
                id: components["parameters"]["taskStatusId"];
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
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteTaskStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The task status id (32 lowercase hexadecimal characters).
                 * @example 00eebcf881994e419d72e757fd30dc0e
                 */
                id: components["parameters"]["taskStatusId"];
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
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    optionsTaskStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The task status id (32 lowercase hexadecimal characters).
                 * @example 00eebcf881994e419d72e757fd30dc0e
                 */
                id: components["parameters"]["taskStatusId"];
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
        };
    };
    updateTaskStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description One or more entity tags (or `*`); the patch applies only if one matches. */
                "If-Match"?: string;
            };
            path: {
                /**
                 * @description The task status id (32 lowercase hexadecimal characters).
                 * @example 00eebcf881994e419d72e757fd30dc0e
                 */
                id: components["parameters"]["taskStatusId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json-patch+json": components["schemas"]["JsonPatch"];
                "application/json": components["schemas"]["JsonPatch"];
            };
        };
        responses: {
            /** @description The updated task status. */
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
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            default: components["responses"]["UnexpectedError"];
        };
    };
}
