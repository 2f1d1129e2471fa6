import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser } from "./browser.ts";
import {
  joinPlan,
  waitForAssignments,
  waitForConnection,
  waitForMapReady,
  waitForOfflineShell,
} from "./plan-page.ts";

// Harris County, Texas (West South Central in the demo plan).
const HARRIS = "48201";

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

test("offline edit of earlier load credited", async () => {
  // Given Ada, who opened the plan while the server was up.
  const ada = await joinPlan(browser, await app.link("editor"), "Ada");
  await waitForOfflineShell(ada.page);
  await waitForConnection(ada.page, "connected");
  const session = await ada.page.evaluate(
    () =>
      JSON.parse(window.localStorage.getItem("meridian.session.demo")!) as {
        token: string;
        person: { id: string };
      },
  );

  // When she reloads offline, paints a county in that page load, whose
  // client id never reached the server, and reloads again before the
  // server returns.
  await app.stop();
  await waitForConnection(ada.page, "offline");
  await ada.page.reload();
  await waitForMapReady(ada.page);
  await ada.page.evaluate(
    (unitId) => window.meridian.paint([unitId], "demo-pacific"),
    HARRIS,
  );
  await ada.page
    .locator('[data-testid="connection-badge"][data-pending="1"]')
    .waitFor();
  await ada.page.reload();
  await waitForMapReady(ada.page);
  await app.restart();
  await waitForAssignments(ada.page, { [HARRIS]: "demo-pacific" });
  await waitForConnection(ada.page, "connected");
  await ada.page
    .locator('[data-testid="connection-badge"][data-pending="0"]')
    .waitFor();

  // Then the server credits the change to her through the earlier client
  // id that the reloaded page announced.
  const response = await fetch(
    `${app.server.url}/api/plans/demo/history?kind=county&id=${HARRIS}`,
    { headers: { authorization: `Bearer ${session.token}` } },
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    changes: {
      to: string;
      clientId: number;
      attribution: string;
      personId: string | null;
      sentBy: string | null;
    }[];
  };
  const last = body.changes.at(-1)!;
  expect(last.to).toBe("demo-pacific");
  expect(last.attribution).toBe("client");
  expect(last.personId).toBe(session.person.id);
  expect(last.sentBy).toBe(session.person.id);

  // And the county's panel lists the change with her name.
  await ada.page.getByTestId("sidebar-tab-comments").click();
  await ada.page.getByTestId("comments-panel").waitFor();
  await ada.page.getByTestId("comment-county-input").fill("Harris, TX");
  await ada.page.getByRole("button", { name: "Show county" }).click();
  const listed = ada.page
    .getByTestId("object-history")
    .getByTestId("history-entry")
    .first();
  await listed.waitFor();
  const text = (await listed.textContent()) ?? "";
  expect(text).toContain("Ada");
  expect(text).toContain("West South Central → Pacific");

  const owners = app.server.storage.clientIds.read("demo");
  const adaClients = [...owners].filter(([, id]) => id === session.person.id);
  expect(adaClients.length).toBeGreaterThanOrEqual(2);
  expect(owners.get(last.clientId)).toBe(session.person.id);
});
