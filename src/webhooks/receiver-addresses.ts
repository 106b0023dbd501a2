// Which addresses a webhook may be delivered to. A subscriber names a URL; whatever its
// host resolves to is checked at connect time, the address the socket uses, so a name
// that resolves to this machine, the private network or the cloud's metadata service
// (a DNS rebinding included) is refused unless WEBHOOK_ALLOWED_NETWORKS lets it through.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { BlockList, isIP } from 'node:net'

// Loopback, "this network", private (RFC 1918, ULA), shared (CGNAT), link-local (the
// metadata services at 169.254.169.254 and fd00:ec2::254 are among them), benchmarking,
// IETF protocol assignments, multicast and reserved; IPv6 forms that embed IPv4 are
// checked as the IPv4 address they carry.
const REFUSED_V4 = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.168.0.0/16', '198.18.0.0/15', '224.0.0.0/3']
const REFUSED_V6 = ['::/127', 'fc00::/7', 'fe80::/10', 'ff00::/8', '64:ff9b::/96', '100::/64', '2001:db8::/32']

function blockList (v4: readonly string[], v6: readonly string[]): BlockList {
  const list = new BlockList()
  for (const cidr of v4) list.addSubnet(cidr.split('/')[0] as string, Number(cidr.split('/')[1]), 'ipv4')
  for (const cidr of v6) list.addSubnet(cidr.split('/')[0] as string, Number(cidr.split('/')[1]), 'ipv6')
  return list
}

const REFUSED = blockList(REFUSED_V4, REFUSED_V6)

// ::ffff:10.0.0.1 (mapped) reaches 10.0.0.1.
function embeddedIpv4 (address: string): string | undefined {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return match?.[1]
}

export interface ReceiverAddresses {
  /** Why delivery to `address` (an IP address) is refused, or undefined when it is allowed. */
  refusal: (address: string) => string | undefined
  /** A dns.lookup that answers only with allowed addresses (for http.request's `lookup`). */
  lookup: typeof dnsLookup
}

export function receiverAddresses (allowedNetworks: readonly string[]): ReceiverAddresses {
  const allowed = blockList(allowedNetworks.filter((cidr) => isIP(cidr.split('/')[0] as string) === 4), allowedNetworks.filter((cidr) => isIP(cidr.split('/')[0] as string) === 6))
  function refusal (address: string): string | undefined {
    const v4 = isIP(address) === 4 ? address : embeddedIpv4(address)
    const family = v4 !== undefined ? 'ipv4' : 'ipv6'
    const checked = v4 ?? address
    if (isIP(checked) === 0) return `'${address}' is not an IP address`
    if (allowed.check(checked, family) || (v4 !== undefined && allowed.check(address, 'ipv6'))) return undefined
    if (REFUSED.check(checked, family)) return `the receiver's address ${address} is a loopback, private, link-local or reserved address (allow it with WEBHOOK_ALLOWED_NETWORKS)`
    return undefined
  }
  const lookup = ((hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) {
        callback(error, '', 0)
        return
      }
      const usable = addresses.filter((entry) => refusal(entry.address) === undefined)
      if (usable.length === 0) {
        const reason = addresses.length === 0 ? `${hostname} has no address` : refusal(addresses[0]?.address ?? '') ?? 'refused'
        callback(Object.assign(new Error(reason), { code: 'ERR_WEBHOOK_ADDRESS_REFUSED' }), '', 0)
        return
      }
      if (options.all === true) callback(null, usable)
      else callback(null, usable[0]?.address ?? '', usable[0]?.family ?? 4)
    })
  }) as unknown as typeof dnsLookup
  return { refusal, lookup }
}
