// The address a caller is counted under. An IPv6 host is given a /64 at least
// (RFC 6177), so each of its addresses counted apart would give it 2^64 budgets: IPv6
// addresses count by their /64. An IPv4-mapped address is the IPv4 address it maps.

export function clientAddressKey (ip: string): string {
  if (!ip.includes(':')) return ip
  const address = (ip.split('%', 1)[0] ?? ip).toLowerCase()
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice('::ffff:'.length)
  return `${ipv6Prefix64(address)}::/64`
}

function ipv6Prefix64 (address: string): string {
  const [head = '', tail] = address.split('::')
  const headGroups = head === '' ? [] : head.split(':')
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':')
  // A trailing dotted quad holds two groups.
  const written = headGroups.length + tailGroups.length + (tailGroups.at(-1)?.includes('.') === true ? 1 : 0)
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(Math.max(0, 8 - written)).fill('0'), ...tailGroups]
  return groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')
}

/**
 * The network an address key (from clientAddressKey) belongs to: an IPv4 address's /24,
 * an IPv6 /64's /48 (what one site is given, RFC 6177). A key of neither form is its
 * own network.
 */
export function networkKey (addressKey: string): string {
  const ipv4 = /^(\d+\.\d+\.\d+)\.\d+$/.exec(addressKey)
  if (ipv4 !== null) return `${ipv4[1]}.0/24`
  const ipv6 = /^([^:]+:[^:]+:[^:]+):[^:]+::\/64$/.exec(addressKey)
  if (ipv6 !== null) return `${ipv6[1]}::/48`
  return addressKey
}
