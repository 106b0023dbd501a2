// Entity tags are the stored version number of a resource, which every successful
// change increments, so comparing them is comparing versions.

export function entityTag (version: number): string {
  return `"${version}"`
}

/** RFC 9110 §13.1.1: If-Match is `*` or a list of strong entity tags. */
export function ifMatchAllows (header: string | undefined, version: number): boolean {
  if (header === undefined) return true
  const current = entityTag(version)
  return header.split(',').some((candidate) => {
    const tag = candidate.trim()
    return tag === '*' || tag === current
  })
}
