// A versioned step of a store's schema, as each SQL adapter lists them. A migration is
// never edited once released; a change is a new entry.
export interface Migration {
  version: number
  name: string
  sql: string
}
