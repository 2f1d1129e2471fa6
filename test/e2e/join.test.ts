import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, openIsolatedPage } from "./browser.ts";
import { submitName, waitForMapReady } from "./plan-page.ts";

let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

test("name prompt shows once per invite", async () => {
  const invite = await app.link("editor");
  const { context, page } = await openIsolatedPage(browser, invite);
  await page.getByTestId("name-form").waitFor();
  expect(new URL(page.url()).searchParams.get("token")).toBeTruthy();

  // Joining opens the plan and drops the invite token from the URL.
  await submitName(page, "Ada");
  await waitForMapReady(page);
  expect(new URL(page.url()).search).toBe("?plan=demo");
  expect(await page.getByTestId("self-name").textContent()).toContain("Ada");

  // A reload opens the plan as the same person, with no prompt.
  await page.reload();
  await waitForMapReady(page);
  expect(await page.getByTestId("name-form").count()).toBe(0);
  expect(new URL(page.url()).search).toBe("?plan=demo");

  // The same invite link again: no prompt, and the token leaves the URL.
  await page.goto(invite);
  await waitForMapReady(page);
  expect(await page.getByTestId("name-form").count()).toBe(0);
  expect(new URL(page.url()).search).toBe("?plan=demo");

  // Another invite link shows the name form again, filled in with "Ada".
  await page.goto(await app.link("viewer"));
  await page.getByTestId("name-form").waitFor();
  expect(await page.locator("#join-name").inputValue()).toBe("Ada");
  await submitName(page, "Ada");
  await waitForMapReady(page);
  await page
    .locator('[data-testid="role-badge"][data-role="viewer"]')
    .waitFor();
  expect(new URL(page.url()).search).toBe("?plan=demo");

  await context.close();
});

test("malformed invite is reported before the name", async () => {
  const invite = new URL(await app.link("editor"));
  invite.searchParams.set("token", "not-a-token");
  const { context, page } = await openIsolatedPage(browser, invite.href);

  const error = page.getByTestId("join-error");
  await error.waitFor();
  expect(await error.textContent()).toContain("malformed");
  expect(await page.getByTestId("name-form").count()).toBe(0);
  expect(new URL(page.url()).searchParams.get("token")).toBe("not-a-token");

  await context.close();
});

test("expired invite is reported before the name", async () => {
  const invite = new URL(await app.link("editor"));
  const expired = unsignedToken({
    sub: "invite-1",
    name: "",
    plan: "demo",
    role: "editor",
    kind: "invite",
    iat: 1_600_000_000,
    exp: 1_600_086_400,
  });
  invite.searchParams.set("token", expired);
  const { context, page } = await openIsolatedPage(browser, invite.href);

  const error = page.getByTestId("join-error");
  await error.waitFor();
  expect(await error.textContent()).toContain("expired");
  expect(await page.getByTestId("name-form").count()).toBe(0);

  await context.close();
});

test("forged invite shows the server's error", async () => {
  // Given: a readable, unexpired token that this server did not sign, which
  // only the server can tell apart.
  const invite = new URL(await app.link("editor"));
  const now = Math.floor(Date.now() / 1000);
  const forged = unsignedToken({
    sub: "invite-1",
    name: "",
    plan: "demo",
    role: "editor",
    kind: "invite",
    iat: now,
    exp: now + 86_400,
  });
  invite.searchParams.set("token", forged);
  const { context, page } = await openIsolatedPage(browser, invite.href);

  await submitName(page, "Ada");
  const error = page.getByTestId("join-error");
  await error.waitFor();
  expect(await error.textContent()).toContain("signature");
  expect(await page.getByTestId("name-form").count()).toBe(1);

  await context.close();
});

// Encodes claims as an HS256 JWT with a signature of zeros, which any
// server rejects but which reads like a real token.
function unsignedToken(claims: Record<string, unknown>): string {
  const encode = (value: unknown) =>
    Buffer.from(JSON.stringify(value)).toString("base64url");
  const signature = Buffer.alloc(32).toString("base64url");
  return `${encode({ alg: "HS256" })}.${encode(claims)}.${signature}`;
}
