// The SSRF guard of outgoing webhooks (docs/webhooks.md "Which URLs are allowed"): only http(s)
// URLs without credentials, and only hosts whose every address is public unicast — loopback,
// private, link-local (cloud metadata 169.254.169.254), CGNAT, unique-local, multicast, unspecified,
// reserved and the IPv4-in-IPv6 forms of those are refused. Checked when an endpoint is saved and
// again at every delivery, where the connection goes to the address that was checked (the socket's
// `lookup` is ours), so a DNS answer that changes between check and connect cannot bypass it.
// WEBHOOK_ALLOW_PRIVATE=1 lifts the address rule (development, tests, an on-premises ERP).
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";

export function privateTargetsAllowed(): boolean {
  return process.env.WEBHOOK_ALLOW_PRIVATE === "1";
}

/** Why an address may not be called, or null for a public unicast address. */
export function forbiddenAddress(address: string): string | null {
  if (!ipaddr.isValid(address)) return "not an IP address";
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  return range === "unicast" ? null : range;
}

/** The URL's shape: http or https, a host, no user or password. Returns the problem, or null. */
export function urlShapeProblem(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return "Enter a full URL, e.g. https://erp.example.com/webhooks.";
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return "Only http and https URLs can receive webhooks.";
  if (!u.hostname) return "The URL needs a host.";
  if (u.username || u.password) return "Put no user name or password in the URL; verify the signature instead.";
  return null;
}

export function hostOf(u: URL): string {
  // new URL() keeps IPv6 literals in brackets.
  return u.hostname.replace(/^\[|\]$/g, "");
}

export class ForbiddenTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenTargetError";
  }
}

/** Every address of `host`, all checked; throws ForbiddenTargetError naming the first refused one. */
export async function resolveChecked(host: string): Promise<{ address: string; family: number }[]> {
  const addresses = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await dns.promises.lookup(host, { all: true, verbatim: true });
  if (addresses.length === 0) throw new ForbiddenTargetError(`${host} does not resolve.`);
  if (!privateTargetsAllowed()) {
    for (const a of addresses) {
      const why = forbiddenAddress(a.address);
      if (why) throw new ForbiddenTargetError(`${host} resolves to ${a.address} (${why}); webhooks are only sent to public addresses.`);
    }
  }
  return addresses;
}

/** The problem with a URL an admin wants to register, or null: its shape, then where its host points. */
export async function targetProblem(raw: string): Promise<string | null> {
  const shape = urlShapeProblem(raw);
  if (shape) return shape;
  try {
    await resolveChecked(hostOf(new URL(raw)));
    return null;
  } catch (e) {
    if (e instanceof ForbiddenTargetError) return e.message;
    return `${hostOf(new URL(raw))} cannot be resolved (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`;
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request: resolves, checks every address, and hands the socket only checked
 * ones. (IP literals never reach a lookup; deliverWebhook checks them itself first.)
 */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  resolveChecked(hostname).then(
    (all) => {
      const family = options.family === 4 || options.family === 6 ? options.family : 0;
      const usable = family ? all.filter((a) => a.family === family) : all;
      if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: "ENOTFOUND" }), "");
      if (options.all) return callback(null, usable);
      callback(null, usable[0].address, usable[0].family);
    },
    (e: NodeJS.ErrnoException) => callback(e, ""),
  );
}

