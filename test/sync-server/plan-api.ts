import { expect } from "vitest";
import * as Y from "yjs";
import type { RunningServer } from "../../sync-server/server.ts";

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Sends one API request with an optional Bearer token and JSON body. */
export async function callApi(
  server: RunningServer,
  method: string,
  pathname: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}${pathname}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: await response.json() };
}

/** The body of a successful POST /api/join: the person token and the person. */
export interface JoinReply {
  token: string;
  person: { id: string; name: string };
}

/** Joins with an invite token, or an invite link that carries one, and expects 200. */
export async function joinWithInvite(
  server: RunningServer,
  invite: string,
  name: string,
): Promise<JoinReply> {
  const token = invite.startsWith("http")
    ? new URL(invite).searchParams.get("token")
    : invite;
  const reply = await callApi(server, "POST", "/api/join", {
    body: { token, name },
  });
  expect(reply.status).toBe(200);
  return reply.body;
}

/** Joins the demo plan through its start link for `role`. */
export async function joinDemo(
  server: RunningServer,
  role: "editor" | "reviewer" | "viewer",
  name: string,
): Promise<JoinReply> {
  const links = await server.demoLinks();
  const url = links.find((link) => link.role === role)!.url;
  return joinWithInvite(server, url, name);
}

/** Fetches an octet-stream plan state and applies it to a fresh document. */
export async function fetchStateDoc(
  server: RunningServer,
  token: string,
  pathname: string,
): Promise<Y.Doc> {
  const response = await fetch(`${server.url}${pathname}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/octet-stream");
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()));
  return doc;
}
