import os from "node:os";
import { SERVER_CREATOR } from "./invite-store.ts";
import { mintInvite } from "./invites.ts";
import { ROLES, type Role } from "./roles.ts";
import type { Storage } from "./storage.ts";

/** Lifetime of the invite links printed at start, in days. */
export const START_LINK_DAYS = 30;

/** Builds the link that opens `planId` in the web app with an invite token. */
export function inviteUrl(baseUrl: string, planId: string, token: string) {
  const url = new URL(baseUrl);
  url.searchParams.set("plan", planId);
  url.searchParams.set("token", token);
  return url.toString();
}

/**
 * Returns the base URL of links for a request: the address it came to, so
 * that a person gets a link that opens where they are, or `fallback` for a
 * request without a usable Host header.
 */
export function requestBaseUrl(
  request: {
    headers: Record<string, string | string[] | undefined>;
    /** A TLS socket has `encrypted: true`. */
    socket?: object;
  },
  fallback: string,
): string {
  const host = request.headers.host;
  if (typeof host !== "string" || !/^[A-Za-z0-9.\-[\]:]+$/.test(host)) {
    return fallback;
  }
  // A TLS socket is HTTPS itself; behind a proxy, the proxy names the scheme.
  const secure =
    (request.socket as { encrypted?: boolean } | undefined)?.encrypted ===
      true || request.headers["x-forwarded-proto"] === "https";
  const scheme = secure ? "https" : "http";
  return `${scheme}://${host}/`;
}

/**
 * Records one invite per role, made by the server, and returns their links,
 * editor first.
 */
export async function inviteLinks(
  storage: Storage,
  secret: Uint8Array,
  baseUrl: string,
  planId: string,
  days = START_LINK_DAYS,
): Promise<{ role: Role; url: string }[]> {
  const links: { role: Role; url: string }[] = [];
  for (const role of ROLES) {
    const { token } = await mintInvite(storage, secret, {
      planId,
      role,
      days,
      createdBy: SERVER_CREATOR,
    });
    links.push({ role, url: inviteUrl(baseUrl, planId, token) });
  }
  return links;
}

/**
 * Returns the base URL people open: `localhost` for a loopback host, the first
 * external IPv4 address for a wildcard host (0.0.0.0 or ::), else the host.
 */
export function publicBaseUrl(host: string, port: number): string {
  const loopback = ["127.0.0.1", "localhost", "::1"];
  const wildcard = ["0.0.0.0", "::", ""];
  let name = host;
  if (loopback.includes(host)) name = "localhost";
  else if (wildcard.includes(host))
    name = firstExternalAddress() ?? "localhost";
  if (name.includes(":")) name = `[${name}]`;
  return `http://${name}:${port}/`;
}

function firstExternalAddress(): string | null {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === "IPv4" && !address.internal)
        return address.address;
    }
  }
  return null;
}
