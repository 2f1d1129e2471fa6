import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  DEMO_LINK_MIN_DAYS_LEFT,
  demoInviteLinks,
} from "../../sync-server/demo.ts";
import { mintInvite } from "../../sync-server/invites.ts";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import { DAY_SECONDS } from "../../sync-server/tokens.ts";
import {
  createFixture,
  GEOMETRY_SHA256,
  startTestServer,
  territoryNames,
  type Fixture,
} from "./helpers.ts";

let fixture: Fixture;

beforeEach(() => {
  fixture = createFixture();
});

afterEach(() => fixture.remove());

describe("demo plan", () => {
  test("is created from demo-plan.json and the manifest", async () => {
    const server = await startTestServer(fixture);
    try {
      const plan = loadPlanDoc(server.storage, "demo");
      expect(plan.readMeta()).toMatchObject({
        planId: "demo",
        name: "Fixture demo",
        datasets: { geometry: GEOMETRY_SHA256 },
      });
      expect(
        plan.readTerritories().map((t) => [t.id, t.name, t.color]),
      ).toEqual([
        ["demo-east", "East", "#1f77b4"],
        ["demo-west", "West", "#d62728"],
      ]);
      expect(server.storage.listPlans()).toMatchObject([
        { id: "demo", name: "Fixture demo" },
      ]);
    } finally {
      await server.close();
    }
  });

  test("waits for the data files when they are missing", async () => {
    const demoFile = path.join(fixture.publicDataDir, "demo-plan.json");
    const saved = fs.readFileSync(demoFile);
    fs.rmSync(demoFile);

    const bare = await startTestServer(fixture);
    expect(bare.storage.listPlans()).toEqual([]);
    expect(await bare.demoLinks()).toEqual([]);
    await bare.close();

    fs.writeFileSync(demoFile, saved);
    const seeded = await startTestServer(fixture);
    try {
      expect(territoryNames(loadPlanDoc(seeded.storage, "demo"))).toEqual([
        "East",
        "West",
      ]);
      expect((await seeded.demoLinks()).map((link) => link.role)).toEqual([
        "editor",
        "reviewer",
        "viewer",
      ]);
    } finally {
      await seeded.close();
    }
  });

  test("assignment to an unknown territory key stops the start", async () => {
    fs.writeFileSync(
      path.join(fixture.publicDataDir, "demo-plan.json"),
      JSON.stringify({
        name: "Broken",
        territories: [{ key: "east", name: "East", color: "#1f77b4" }],
        assignments: { "01001": "north" },
      }),
    );
    await expect(startTestServer(fixture)).rejects.toThrow(
      /unit 01001 is assigned to "north", which is not a territory key/,
    );
  });
});

describe("demo invite links", () => {
  const BASE = "http://localhost:8080/";

  test("restart reuses the printed links", async () => {
    const first = await startTestServer(fixture);
    const before = await first.demoLinks();
    await first.close();

    const second = await startTestServer(fixture);
    try {
      expect(await second.demoLinks()).toEqual(
        before.map((link) => ({
          ...link,
          url: link.url.replace(`:${first.port}/`, `:${second.port}/`),
        })),
      );
      expect(second.storage.invites.countActive("demo")).toBe(3);
    } finally {
      await second.close();
    }
  });

  test("reuse keeps one invite per role", async () => {
    const server = await startTestServer(fixture);
    try {
      const first = await demoInviteLinks(server.storage, server.secret, BASE);
      const again = await demoInviteLinks(server.storage, server.secret, BASE);
      expect(again).toEqual(first);
      expect(first.map((link) => link.role)).toEqual([
        "editor",
        "reviewer",
        "viewer",
      ]);
      expect(server.storage.invites.countActive("demo")).toBe(3);
    } finally {
      await server.close();
    }
  });

  test("revoked invite gets a new link", async () => {
    const server = await startTestServer(fixture);
    try {
      const first = await demoInviteLinks(server.storage, server.secret, BASE);
      const editor = server.storage.invites
        .listActive("demo")
        .find((invite) => invite.role === "editor");
      expect(editor).toBeDefined();
      server.storage.invites.revoke(editor?.id ?? "", "person-1");

      const again = await demoInviteLinks(server.storage, server.secret, BASE);
      expect(again[0].url).not.toBe(first[0].url);
      expect(again.slice(1)).toEqual(first.slice(1));
      expect(server.storage.invites.countActive("demo")).toBe(3);
    } finally {
      await server.close();
    }
  });

  test("invite near expiry gets a new link", async () => {
    const server = await startTestServer(fixture);
    try {
      const first = await demoInviteLinks(server.storage, server.secret, BASE);
      const [invite] = server.storage.invites.listActive("demo");
      const dayMs = DAY_SECONDS * 1000;
      const lastReuse = invite.expiresAt - DEMO_LINK_MIN_DAYS_LEFT * dayMs;

      const reused = await demoInviteLinks(
        server.storage,
        server.secret,
        BASE,
        lastReuse,
      );
      expect(reused).toEqual(first);
      const renewed = await demoInviteLinks(
        server.storage,
        server.secret,
        BASE,
        lastReuse + 1,
      );
      expect(renewed.map((link) => link.url)).not.toContain(first[0].url);
    } finally {
      await server.close();
    }
  });

  test("an editor's invite is not printed", async () => {
    const server = await startTestServer(fixture);
    try {
      const first = await demoInviteLinks(server.storage, server.secret, BASE);
      await mintInvite(server.storage, server.secret, {
        planId: "demo",
        role: "editor",
        days: 365,
        createdBy: "person-1",
      });
      expect(
        await demoInviteLinks(server.storage, server.secret, BASE),
      ).toEqual(first);
    } finally {
      await server.close();
    }
  });

  test("no demo plan, no links", async () => {
    fs.rmSync(path.join(fixture.publicDataDir, "demo-plan.json"));
    const server = await startTestServer(fixture);
    try {
      expect(
        await demoInviteLinks(server.storage, server.secret, BASE),
      ).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
