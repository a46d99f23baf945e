/**
 * Generated from Herald's /openapi.json by openapi-typescript (npm run client:generate).
 * Do not edit: CI fails when this file and the API's document differ.
 */

export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "unavailable";
                            checks?: {
                                /** @enum {string} */
                                postgres: "ok" | "unavailable";
                                /** @enum {string} */
                                temporal: "ok" | "unavailable";
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: Postgres and Temporal answer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "unavailable";
                            checks?: {
                                /** @enum {string} */
                                postgres: "ok" | "unavailable";
                                /** @enum {string} */
                                temporal: "ok" | "unavailable";
                            };
                        };
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text format); needs the metrics token when one is set */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The event catalog
         * @description Any platform API key.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @enum {string} */
                                name: "flow.created" | "flow.updated" | "flow.deleted" | "flow.run.started" | "flow.run.finished" | "flow.run.resumed" | "folder.created" | "folder.updated" | "folder.deleted" | "connection.upserted" | "connection.deleted" | "user.signed.up" | "user.signed.in" | "user.password.reset" | "user.email.verified" | "signing.key.created" | "project.role.created" | "project.role.updated" | "project.role.deleted" | "project.release.created" | "flow.published" | "flow.activated" | "flow.deactivated" | "flow.pieces.upgraded" | "flow.pieces.reverted" | "flow.run.retried" | "flow.approval.requested" | "flow.approval.granted" | "flow.approval.rejected" | "flow.approval.withdrawn" | "agent.created" | "agent.updated" | "agent.deleted" | "agent.published" | "agent.unpublished" | "agent.action.executed" | "variable.upserted" | "variable.deleted" | "variable.value.revealed" | "project.replaced" | "herald.destination.disabled" | "herald.delivery.failed";
                                /** @enum {string} */
                                group: "flow" | "folder" | "connection" | "user" | "security" | "approval" | "agent" | "variable" | "project" | "herald";
                                description: string;
                                /** @description A JSON Schema of data, where its shape is known */
                                dataSchema?: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destination-presets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Observability and SIEM back ends: format, URL template and header names for each
         * @description Any platform API key.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                id: string;
                                name: string;
                                /** @enum {string} */
                                format: "webhook" | "otlp-json" | "otlp-protobuf" | "splunk-hec";
                                /** @description The endpoint, with {placeholders} for the admin to fill */
                                urlTemplate: string;
                                headers: {
                                    name: string;
                                    valueTemplate: string;
                                    /** @description A credential: typed by the admin, stored sealed */
                                    secret: boolean;
                                }[];
                                docsUrl: string;
                            }[];
                        };
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/platforms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a platform and its two keys
         * @description The operator root token (HERALD_ROOT_TOKEN).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @default true */
                        eventStreamingEnabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            platform: {
                                id: string;
                                name: string;
                                eventStreamingEnabled: boolean;
                                /** Format: date-time */
                                createdAt: string;
                            };
                            /** @description Shown once; Herald keeps only their hashes */
                            apiKeys: {
                                admin: string;
                                ingest: string;
                            };
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/platforms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a platform
         * @description The operator root token (HERALD_ROOT_TOKEN).
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        eventStreamingEnabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            eventStreamingEnabled: boolean;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/platforms/{id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue an API key
         * @description The operator root token (HERALD_ROOT_TOKEN).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "admin" | "ingest";
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            role: "admin" | "ingest";
                            /** @description Shown once */
                            key: string;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/platforms/{id}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description The operator root token (HERALD_ROOT_TOKEN).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-destinations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List destinations
         * @description A platform key with the admin role.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                id: string;
                                platformId: string;
                                projectId: string | null;
                                url: string;
                                events: ("flow.created" | "flow.updated" | "flow.deleted" | "flow.run.started" | "flow.run.finished" | "flow.run.resumed" | "folder.created" | "folder.updated" | "folder.deleted" | "connection.upserted" | "connection.deleted" | "user.signed.up" | "user.signed.in" | "user.password.reset" | "user.email.verified" | "signing.key.created" | "project.role.created" | "project.role.updated" | "project.role.deleted" | "project.release.created" | "flow.published" | "flow.activated" | "flow.deactivated" | "flow.pieces.upgraded" | "flow.pieces.reverted" | "flow.run.retried" | "flow.approval.requested" | "flow.approval.granted" | "flow.approval.rejected" | "flow.approval.withdrawn" | "agent.created" | "agent.updated" | "agent.deleted" | "agent.published" | "agent.unpublished" | "agent.action.executed" | "variable.upserted" | "variable.deleted" | "variable.value.revealed" | "project.replaced" | "herald.destination.disabled" | "herald.delivery.failed")[];
                                enabled: boolean;
                                disabledReason: string | null;
                                disabledAt: string | null;
                                description: string | null;
                                /** @description Values masked as ******** */
                                headers: {
                                    [key: string]: string;
                                };
                                /**
                                 * @description How the body is shaped (DESIGN §5)
                                 * @enum {string}
                                 */
                                format: "webhook" | "otlp-json" | "otlp-protobuf" | "splunk-hec";
                                /** @description Conditions an event must meet (JSON operators), or null */
                                filter: {
                                    [key: string]: unknown;
                                } | null;
                                /** @description Dotted paths removed before sending */
                                redact: string[];
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            /** @description Pass as ?cursor= for the next page; null on the last */
                            next: string | null;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a destination (its signing secret is in the answer); 409 quota-exceeded past HERALD_MAX_DESTINATIONS
         * @description A platform key with the admin role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        url: string;
                        events: ("flow.created" | "flow.updated" | "flow.deleted" | "flow.run.started" | "flow.run.finished" | "flow.run.resumed" | "folder.created" | "folder.updated" | "folder.deleted" | "connection.upserted" | "connection.deleted" | "user.signed.up" | "user.signed.in" | "user.password.reset" | "user.email.verified" | "signing.key.created" | "project.role.created" | "project.role.updated" | "project.role.deleted" | "project.release.created" | "flow.published" | "flow.activated" | "flow.deactivated" | "flow.pieces.upgraded" | "flow.pieces.reverted" | "flow.run.retried" | "flow.approval.requested" | "flow.approval.granted" | "flow.approval.rejected" | "flow.approval.withdrawn" | "agent.created" | "agent.updated" | "agent.deleted" | "agent.published" | "agent.unpublished" | "agent.action.executed" | "variable.upserted" | "variable.deleted" | "variable.value.revealed" | "project.replaced" | "herald.destination.disabled" | "herald.delivery.failed")[];
                        /** @default true */
                        enabled?: boolean;
                        description?: string | null;
                        projectId?: string | null;
                        headers?: {
                            [key: string]: string;
                        };
                        /**
                         * @default webhook
                         * @enum {string}
                         */
                        format?: "webhook" | "otlp-json" | "otlp-protobuf" | "splunk-hec";
                        filter?: {
                            [key: string]: unknown;
                        } | null;
                        redact?: string[];
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            platformId: string;
                            projectId: string | null;
                            url: string;
                            events: ("flow.created" | "flow.updated" | "flow.deleted" | "flow.run.started" | "flow.run.finished" | "flow.run.resumed" | "folder.created" | "folder.updated" | "folder.deleted" | "connection.upserted" | "connection.deleted" | "user.signed.up" | "user.signed.in" | "user.password.reset" | "user.email.verified" | "signing.key.created" | "project.role.created" | "project.role.updated" | "project.role.deleted" | "project.release.created" | "flow.published" | "flow.activated" | "flow.deactivated" | "flow.pieces.upgraded" | "flow.pieces.reverted" | "flow.run.retried" | "flow.approval.requested" | "flow.approval.granted" | "flow.approval.rejected" | "flow.approval.withdrawn" | "agent.created" | "agent.updated" | "agent.deleted" | "agent.published" | "agent.unpublished" | "agent.action.executed" | "variable.upserted" | "variable.deleted" | "variable.value.revealed" | "project.replaced" | "herald.destination.disabled" | "herald.delivery.failed")[];
                            enabled: boolean;
                            disabledReason: string | null;
                            disabledAt: string | null;
                            description: string | null;
                            /** @description Values masked as ******** */
                            headers: {
                                [key: string]: string;
                            };
                            /**
                             * @description How the body is shaped (DESIGN §5)
                             * @enum {string}
                             */
                            format: "webhook" | "otlp-json" | "otlp-protobuf" | "splunk-hec";
                            /** @description Conditions an event must meet (JSON operators), or null */
                            filter: {
                                [key: string]: unknown;
                            } | null;
                            /** @description Dotted paths removed before sending */
                            redact: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: starts_with */
                            signingSecret: string;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a delivery whose retries are still running, a platform at its destination quota) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-destinations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a destination
         * @description A platform key with the admin role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            platformId: string;
                            projectId: string | null;
                            url: string;
                            events: ("flow.created" | "flow.updated" | "flow.deleted" | "flow.run.started" | "flow.run.finished" | "flow.run.resumed" | "folder.created" | "folder.updated" | "folder.deleted" | "connection.upserted" | "connection.deleted" | "user.signed.up" | "user.signed.in" | "user.password.reset" | "user.email.verified" | "signing.key.created" | "project.role.created" | "project.role.updated" | "project.role.deleted" | "project.release.created" | "flow.published" | "flow.activated" | "flow.deactivated" | "flow.pieces.upgraded" | "flow.pieces.reverted" | "flow.run.retried" | "flow.approval.requested" | "flow.approval.granted" | "flow.approval.rejected" | "flow.approval.withdrawn" | "agent.created" | "agent.updated" | "agent.deleted" | "agent.published" | "agent.unpublished" | "agent.action.executed" | "variable.upserted" | "variable.deleted" | "variable.value.revealed" | "project.replaced" | "herald.destination.disabled" | "herald.delivery.failed")[];
                            enabled: boolean;
                            disabledReason: string | null;
                            disabledAt: string | null;
                            description: string | null;
                            /** @description Values masked as ******** */
                            headers: {
                                [key: string]: string;
                            };
                            /**
                             * @description How the body is shaped (DESIGN §5)
                             * @enum {string}
                             */
                            format: "webhook" | "otlp-json" | "otlp-protobuf" | "splunk-hec";
                            /** @description Conditions an event must meet (JSON operators), or null */
                            filter: {
                                [key: string]: unknown;
                            } | null;
                            /** @description Dotted paths removed before sending */
                            redact: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a destination; its pending retries stop
         * @description A platform key with the admin role.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Update a destination
         * @description A platform key with the admin role.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        url?: string;
                        events?: ("flow.created" | "flow.updated" | "flow.deleted" | "flow.run.started" | "flow.run.finished" | "flow.run.resumed" | "folder.created" | "folder.updated" | "folder.deleted" | "connection.upserted" | "connection.deleted" | "user.signed.up" | "user.signed.in" | "user.password.reset" | "user.email.verified" | "signing.key.created" | "project.role.created" | "project.role.updated" | "project.role.deleted" | "project.release.created" | "flow.published" | "flow.activated" | "flow.deactivated" | "flow.pieces.upgraded" | "flow.pieces.reverted" | "flow.run.retried" | "flow.approval.requested" | "flow.approval.granted" | "flow.approval.rejected" | "flow.approval.withdrawn" | "agent.created" | "agent.updated" | "agent.deleted" | "agent.published" | "agent.unpublished" | "agent.action.executed" | "variable.upserted" | "variable.deleted" | "variable.value.revealed" | "project.replaced" | "herald.destination.disabled" | "herald.delivery.failed")[];
                        enabled?: boolean;
                        description?: string | null;
                        projectId?: string | null;
                        headers?: {
                            [key: string]: string;
                        };
                        /** @enum {string} */
                        format?: "webhook" | "otlp-json" | "otlp-protobuf" | "splunk-hec";
                        filter?: {
                            [key: string]: unknown;
                        } | null;
                        redact?: string[];
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            platformId: string;
                            projectId: string | null;
                            url: string;
                            events: ("flow.created" | "flow.updated" | "flow.deleted" | "flow.run.started" | "flow.run.finished" | "flow.run.resumed" | "folder.created" | "folder.updated" | "folder.deleted" | "connection.upserted" | "connection.deleted" | "user.signed.up" | "user.signed.in" | "user.password.reset" | "user.email.verified" | "signing.key.created" | "project.role.created" | "project.role.updated" | "project.role.deleted" | "project.release.created" | "flow.published" | "flow.activated" | "flow.deactivated" | "flow.pieces.upgraded" | "flow.pieces.reverted" | "flow.run.retried" | "flow.approval.requested" | "flow.approval.granted" | "flow.approval.rejected" | "flow.approval.withdrawn" | "agent.created" | "agent.updated" | "agent.deleted" | "agent.published" | "agent.unpublished" | "agent.action.executed" | "variable.upserted" | "variable.deleted" | "variable.value.revealed" | "project.replaced" | "herald.destination.disabled" | "herald.delivery.failed")[];
                            enabled: boolean;
                            disabledReason: string | null;
                            disabledAt: string | null;
                            description: string | null;
                            /** @description Values masked as ******** */
                            headers: {
                                [key: string]: string;
                            };
                            /**
                             * @description How the body is shaped (DESIGN §5)
                             * @enum {string}
                             */
                            format: "webhook" | "otlp-json" | "otlp-protobuf" | "splunk-hec";
                            /** @description Conditions an event must meet (JSON operators), or null */
                            filter: {
                                [key: string]: unknown;
                            } | null;
                            /** @description Dotted paths removed before sending */
                            redact: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/event-destinations/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the signing secret
         * @description A platform key with the admin role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: starts_with */
                            signingSecret: string;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-destinations/{id}/secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret (the old one signs too for 24 h)
         * @description A platform key with the admin role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: starts_with */
                            signingSecret: string;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-destinations/filter/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Whether an event envelope meets a filter
         * @description A platform key with the admin role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        filter: {
                            [key: string]: unknown;
                        };
                        event: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            matches: boolean;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-destinations/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a sample event to a URL, once
         * @description A platform key with the admin role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        url: string;
                        /**
                         * @default flow.created
                         * @enum {string}
                         */
                        event?: "flow.created" | "flow.updated" | "flow.deleted" | "flow.run.started" | "flow.run.finished" | "flow.run.resumed" | "folder.created" | "folder.updated" | "folder.deleted" | "connection.upserted" | "connection.deleted" | "user.signed.up" | "user.signed.in" | "user.password.reset" | "user.email.verified" | "signing.key.created" | "project.role.created" | "project.role.updated" | "project.role.deleted" | "project.release.created" | "flow.published" | "flow.activated" | "flow.deactivated" | "flow.pieces.upgraded" | "flow.pieces.reverted" | "flow.run.retried" | "flow.approval.requested" | "flow.approval.granted" | "flow.approval.rejected" | "flow.approval.withdrawn" | "agent.created" | "agent.updated" | "agent.deleted" | "agent.published" | "agent.unpublished" | "agent.action.executed" | "variable.upserted" | "variable.deleted" | "variable.value.revealed" | "project.replaced" | "herald.destination.disabled" | "herald.delivery.failed";
                        /** @enum {string} */
                        format?: "webhook" | "otlp-json" | "otlp-protobuf" | "splunk-hec";
                        headers?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            status?: number;
                            durationMs: number;
                            error?: string;
                            /**
                             * @description Why it did not succeed: blocked (SSRF or URL rule), timeout, tls, connection, or http-status (a non-2xx answer)
                             * @enum {string}
                             */
                            errorCode?: "blocked" | "timeout" | "tls" | "connection" | "http-status";
                            renderedBody: string;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-destinations/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a sample event to a destination, signed, once
         * @description A platform key with the admin role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default flow.created
                         * @enum {string}
                         */
                        event?: "flow.created" | "flow.updated" | "flow.deleted" | "flow.run.started" | "flow.run.finished" | "flow.run.resumed" | "folder.created" | "folder.updated" | "folder.deleted" | "connection.upserted" | "connection.deleted" | "user.signed.up" | "user.signed.in" | "user.password.reset" | "user.email.verified" | "signing.key.created" | "project.role.created" | "project.role.updated" | "project.role.deleted" | "project.release.created" | "flow.published" | "flow.activated" | "flow.deactivated" | "flow.pieces.upgraded" | "flow.pieces.reverted" | "flow.run.retried" | "flow.approval.requested" | "flow.approval.granted" | "flow.approval.rejected" | "flow.approval.withdrawn" | "agent.created" | "agent.updated" | "agent.deleted" | "agent.published" | "agent.unpublished" | "agent.action.executed" | "variable.upserted" | "variable.deleted" | "variable.value.revealed" | "project.replaced" | "herald.destination.disabled" | "herald.delivery.failed";
                        /** @enum {string} */
                        format?: "webhook" | "otlp-json" | "otlp-protobuf" | "splunk-hec";
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            status?: number;
                            durationMs: number;
                            error?: string;
                            /**
                             * @description Why it did not succeed: blocked (SSRF or URL rule), timeout, tls, connection, or http-status (a non-2xx answer)
                             * @enum {string}
                             */
                            errorCode?: "blocked" | "timeout" | "tls" | "connection" | "http-status";
                            renderedBody: string;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-destinations/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A destination's deliveries
         * @description A platform key with the admin role.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                    status?: "pending" | "succeeded" | "failed" | "cancelled";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                id: string;
                                eventId: string;
                                destinationId: string;
                                /** @enum {string} */
                                status: "pending" | "succeeded" | "failed" | "cancelled";
                                /** @description Why it ended as it did, when no attempt says so (cancelled, policy ran out) */
                                statusReason: string | null;
                                attemptCount: number;
                                lastAttemptAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            /** @description Pass as ?cursor= for the next page; null on the last */
                            next: string | null;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-destinations/{id}/recover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A fresh series for every failed delivery in a time range
         * @description A platform key with the admin role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        since: string;
                        /** Format: date-time */
                        until?: string;
                    };
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-destinations/{id}/backfill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the destination the stored events it never got, oldest first
         * @description A platform key with the admin role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        since: string;
                        /** Format: date-time */
                        until?: string;
                    };
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            total: number;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-destinations/{id}/backfills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A destination's 20 latest backfills, newest first
         * @description A platform key with the admin role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                id: string;
                                destinationId: string;
                                /** @enum {string} */
                                status: "running" | "completed" | "cancelled" | "failed";
                                total: number;
                                delivered: number;
                                failed: number;
                                /** Format: date-time */
                                since: string;
                                /** Format: date-time */
                                until: string;
                                /** Format: date-time */
                                createdAt: string;
                                temporal: {
                                    workflowId: string;
                                    uiUrl: string | null;
                                };
                            }[];
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backfills/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A backfill and its progress
         * @description A platform key with the admin role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            destinationId: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "cancelled" | "failed";
                            total: number;
                            delivered: number;
                            failed: number;
                            /** Format: date-time */
                            since: string;
                            /** Format: date-time */
                            until: string;
                            /** Format: date-time */
                            createdAt: string;
                            temporal: {
                                workflowId: string;
                                uiUrl: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backfills/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop a backfill
         * @description A platform key with the admin role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            destinationId: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "cancelled" | "failed";
                            total: number;
                            delivered: number;
                            failed: number;
                            /** Format: date-time */
                            since: string;
                            /** Format: date-time */
                            until: string;
                            /** Format: date-time */
                            createdAt: string;
                            temporal: {
                                workflowId: string;
                                uiUrl: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest an event: 202 means durable, 200 a duplicate id
         * @description A platform key with the ingest role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        id?: string;
                        /** @enum {string} */
                        type?: "flow.created" | "flow.updated" | "flow.deleted" | "flow.run.started" | "flow.run.finished" | "flow.run.resumed" | "folder.created" | "folder.updated" | "folder.deleted" | "connection.upserted" | "connection.deleted" | "user.signed.up" | "user.signed.in" | "user.password.reset" | "user.email.verified" | "signing.key.created" | "project.role.created" | "project.role.updated" | "project.role.deleted" | "project.release.created" | "flow.published" | "flow.activated" | "flow.deactivated" | "flow.pieces.upgraded" | "flow.pieces.reverted" | "flow.run.retried" | "flow.approval.requested" | "flow.approval.granted" | "flow.approval.rejected" | "flow.approval.withdrawn" | "agent.created" | "agent.updated" | "agent.deleted" | "agent.published" | "agent.unpublished" | "agent.action.executed" | "variable.upserted" | "variable.deleted" | "variable.value.revealed" | "project.replaced" | "herald.destination.disabled" | "herald.delivery.failed";
                        /**
                         * @description Activepieces’ name for type
                         * @enum {string}
                         */
                        action?: "flow.created" | "flow.updated" | "flow.deleted" | "flow.run.started" | "flow.run.finished" | "flow.run.resumed" | "folder.created" | "folder.updated" | "folder.deleted" | "connection.upserted" | "connection.deleted" | "user.signed.up" | "user.signed.in" | "user.password.reset" | "user.email.verified" | "signing.key.created" | "project.role.created" | "project.role.updated" | "project.role.deleted" | "project.release.created" | "flow.published" | "flow.activated" | "flow.deactivated" | "flow.pieces.upgraded" | "flow.pieces.reverted" | "flow.run.retried" | "flow.approval.requested" | "flow.approval.granted" | "flow.approval.rejected" | "flow.approval.withdrawn" | "agent.created" | "agent.updated" | "agent.deleted" | "agent.published" | "agent.unpublished" | "agent.action.executed" | "variable.upserted" | "variable.deleted" | "variable.value.revealed" | "project.replaced" | "herald.destination.disabled" | "herald.delivery.failed";
                        projectId?: string | null;
                        /** Format: date-time */
                        occurredAt?: string;
                        /**
                         * Format: date-time
                         * @description Activepieces’ name for occurredAt
                         */
                        created?: string;
                        /**
                         * Format: date-time
                         * @description Accepted from Activepieces, not kept
                         */
                        updated?: string;
                        /** @description Accepted from Activepieces, not kept */
                        platformId?: string;
                        userId?: string | null;
                        userEmail?: string | null;
                        ip?: string | null;
                        projectDisplayName?: string | null;
                        data: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            workflowId: string;
                            duplicate: boolean;
                        };
                    };
                };
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            workflowId: string;
                            duplicate: boolean;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest up to 100 events in one transaction; each item answers for itself
         * @description A platform key with the ingest role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        events: unknown[];
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: ({
                                index: number;
                                id: string;
                                /** @enum {string} */
                                status: "accepted" | "duplicate";
                            } | {
                                index: number;
                                id: string | null;
                                /** @constant */
                                status: "invalid";
                                errors: {
                                    path: string;
                                    message: string;
                                }[];
                            })[];
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An event and its deliveries
         * @description A platform key with the admin role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            type: "flow.created" | "flow.updated" | "flow.deleted" | "flow.run.started" | "flow.run.finished" | "flow.run.resumed" | "folder.created" | "folder.updated" | "folder.deleted" | "connection.upserted" | "connection.deleted" | "user.signed.up" | "user.signed.in" | "user.password.reset" | "user.email.verified" | "signing.key.created" | "project.role.created" | "project.role.updated" | "project.role.deleted" | "project.release.created" | "flow.published" | "flow.activated" | "flow.deactivated" | "flow.pieces.upgraded" | "flow.pieces.reverted" | "flow.run.retried" | "flow.approval.requested" | "flow.approval.granted" | "flow.approval.rejected" | "flow.approval.withdrawn" | "agent.created" | "agent.updated" | "agent.deleted" | "agent.published" | "agent.unpublished" | "agent.action.executed" | "variable.upserted" | "variable.deleted" | "variable.value.revealed" | "project.replaced" | "herald.destination.disabled" | "herald.delivery.failed";
                            projectId: string | null;
                            /** Format: date-time */
                            occurredAt: string;
                            /** Format: date-time */
                            receivedAt: string;
                            workflowId: string;
                            deliveries: {
                                id: string;
                                eventId: string;
                                destinationId: string;
                                /** @enum {string} */
                                status: "pending" | "succeeded" | "failed" | "cancelled";
                                /** @description Why it ended as it did, when no attempt says so (cancelled, policy ran out) */
                                statusReason: string | null;
                                attemptCount: number;
                                lastAttemptAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A delivery and its attempts
         * @description A platform key with the admin role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            eventId: string;
                            destinationId: string;
                            /** @enum {string} */
                            status: "pending" | "succeeded" | "failed" | "cancelled";
                            /** @description Why it ended as it did, when no attempt says so (cancelled, policy ran out) */
                            statusReason: string | null;
                            attemptCount: number;
                            lastAttemptAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            attempts: {
                                attempt: number;
                                /** Format: date-time */
                                startedAt: string;
                                durationMs: number;
                                statusCode?: number;
                                error?: string;
                                /**
                                 * @description Why it did not succeed: blocked (SSRF or URL rule), timeout, tls, connection, or http-status (a non-2xx answer)
                                 * @enum {string}
                                 */
                                errorCode?: "blocked" | "timeout" | "tls" | "connection" | "http-status";
                                /** @description The first 4 KiB of the answer */
                                responseBody?: string;
                            }[];
                            temporal: {
                                workflowId: string;
                                uiUrl: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A fresh series of attempts for one delivery
         * @description A platform key with the admin role.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            workflowId: string;
                        };
                    };
                };
                /** @description Invalid input: `errors` names each field that is wrong */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No key, or a key Herald does not know */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The key may not do this, or event streaming is disabled for the platform */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such object for this platform */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a delivery whose retries are still running, a platform at its destination quota) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is over 256 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Rate limited; retry after Retry-After */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Postgres or Temporal unavailable; retry after Retry-After */
                503: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** @description RFC 9457 problem details */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
