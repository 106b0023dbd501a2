// The scopes the spec declares (components.securitySchemes.oauth2), read from it so
// that a scope named in a credentials file is checked against the same list.
import type { OpenAPIV3 } from 'openapi-types'
import { loadSpec } from '../spec.js'

const scheme = loadSpec().components?.securitySchemes?.oauth2 as OpenAPIV3.OAuth2SecurityScheme | undefined

export const KNOWN_SCOPES: ReadonlySet<string> = new Set(Object.keys(scheme?.flows.clientCredentials?.scopes ?? {}))
