import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Server-side request forgery guard (DESIGN §7). Only globally routable unicast addresses may be
 * reached; the range names come from ipaddr.js rather than hand-written masks. The reason names
 * the kind of address, never the address: refusals reach the platform admin, and a name's
 * internal address must not (the guard would become a resolver for the private network).
 */
export function forbiddenAddressReason(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  const range = parsed.range();
  if (range !== 'unicast') return `a ${range} address`;
  // IPv4-compatible IPv6 (::a.b.c.d, deprecated) reaches IPv4 hosts but ipaddr.js calls it unicast.
  if (
    parsed.kind() === 'ipv6' &&
    (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)
  ) {
    return 'an IPv4-compatible IPv6 address';
  }
  return undefined;
}

export const SSRF_REFUSED = 'ERR_HERALD_DESTINATION_REFUSED';

export class DestinationRefusedError extends Error {
  readonly code = SSRF_REFUSED;
  constructor(reason: string) {
    super(`refused: ${reason}; Herald delivers only to public addresses`);
  }
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface SsrfGuardOptions {
  /** Resolves a host name; the default is the system resolver. Tests inject a rebinding one. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  isForbidden?: (address: string) => string | undefined;
}

const systemResolve = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true });

/** URL hosts that are IP literals never reach a lookup function, so they are checked up front. */
export function literalHostProblem(
  url: string,
  isForbidden: (address: string) => string | undefined = forbiddenAddressReason,
): string | undefined {
  const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const reason = isIP(hostname) ? isForbidden(hostname) : undefined;
  // The admin typed this address: naming it back tells them nothing new.
  return reason && `${hostname} is ${reason}`;
}

/**
 * A `lookup` for the HTTP client: resolves once, refuses if any answer is forbidden, and hands
 * the socket exactly the addresses it checked, so a DNS answer cannot change in between.
 */
export function createGuardedLookup(options: SsrfGuardOptions = {}): LookupFunction {
  const resolve = options.resolve ?? systemResolve;
  const isForbidden = options.isForbidden ?? forbiddenAddressReason;
  return ((
    hostname: string,
    lookupOptions: { all?: boolean },
    callback: (...args: unknown[]) => void,
  ) => {
    resolve(hostname)
      .then((addresses) => {
        if (addresses.length === 0) throw new Error(`${hostname} has no addresses`);
        for (const { address } of addresses) {
          const reason = isForbidden(address);
          if (reason) throw new DestinationRefusedError(`${hostname} resolves to ${reason}`);
        }
        if (lookupOptions.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      })
      .catch((error: unknown) => callback(error));
  }) as LookupFunction;
}
