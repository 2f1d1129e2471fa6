import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { planContentHash } from "../../model/doc/plan-content.ts";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { loadRoomDoc } from "../../sync-server/plans.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import { Storage } from "../../sync-server/storage.ts";
import { waitForConvergence } from "./fuzz/converge.ts";
import { computeOutputs, loadDemoData } from "./fuzz/outputs.ts";
import { randomEdit, type EditPool } from "./fuzz/plan-edits.ts";
import { iterationsToRun, Random, seedsToRun } from "./fuzz/random.ts";
import { Replica } from "./fuzz/replica.ts";
import {
  createFixture,
  DEMO_PLAN,
  startTestServer,
  testToken,
  type Fixture,
} from "./helpers.ts";

/**
 * Seeded convergence fuzz: 3 to 5 replicas edit one plan through the model
 * while they go offline, reload from their persisted copy and the server
 * restarts. Afterwards every replica and the server's storage must contain
 * the same content and compute the same figures.
 *
 * NOTE: the seed fixes every random choice, but message timing over the
 * sockets still varies between runs, and so does which state an edit sees.
 * A seed therefore reproduces a failure often, not always; rerun it with
 * more iterations to catch a rare one.
 */

const ROOM = "demo";
const DEFAULT_SEEDS = [1, 2, 3, 4, 5];
const STEPS = iterationsToRun(300);
const SERVER_OPTIONS = { compactAfterUpdates: 20 };
const STOP_GUARD_MS = 10_000;

const data = loadDemoData();

let fixture: Fixture | null = null;
let server: RunningServer | null = null;
const replicas: Replica[] = [];

afterEach(async () => {
  for (const replica of replicas.splice(0)) replica.destroy();
  await server?.close();
  server = null;
  fixture?.remove();
  fixture = null;
});

describe("convergence fuzz", () => {
  for (const seed of seedsToRun(DEFAULT_SEEDS)) {
    test(`replicas converge, seed ${seed}`, { timeout: 60_000 }, async () => {
      const random = new Random(seed);
      const pool = editPool(random);
      fixture = createFixture();
      server = await startTestServer(fixture, SERVER_OPTIONS);
      const port = server.port;

      // Given replicas that have loaded the demo plan.
      const count = random.int(3, 5);
      for (let i = 0; i < count; i++) {
        const token = await testToken("editor", { sub: `fuzz-${i}` });
        replicas.push(new Replica(`replica-${i}`, server.syncUrl, ROOM, token));
      }
      await waitForConvergence(replicas, liveDoc, seed);

      // When they edit at random while the network and server fail.
      const counts = new Map<string, number>();
      const tally = (name: string) =>
        counts.set(name, (counts.get(name) ?? 0) + 1);
      for (let step = 0; step < STEPS; step++) {
        const replica = random.pick(replicas);
        const roll = random.int(1, 100);

        // The midpoint always restarts the server and reloads a replica, so
        // that every seed takes both paths at least once.
        if (step === Math.floor(STEPS / 2)) {
          if (server !== null) await stopServer(seed);
          server = await startTestServer(fixture, { ...SERVER_OPTIONS, port });
          replica.reload();
          tally("forced restart and reload");
        } else if (server === null && roll <= 30) {
          server = await startTestServer(fixture, { ...SERVER_OPTIONS, port });
          tally("server start");
        } else if (server !== null && roll <= 3) {
          await stopServer(seed);
          tally("server stop");
        } else if (roll <= 12) {
          if (replica.online) replica.goOffline();
          else replica.goOnline();
          tally(replica.online ? "online" : "offline");
        } else if (roll <= 17) {
          replica.reload();
          tally("reload");
        } else {
          tally(randomEdit(replica, random, pool));
        }

        // Lets messages flow between some steps, so that edits interleave
        // with syncing in varied ways.
        if (random.chance(0.3)) await delay(random.int(0, 5));
      }

      // Then, once all are back online, every copy contains the same content.
      server ??= await startTestServer(fixture, { ...SERVER_OPTIONS, port });
      for (const replica of replicas) if (!replica.online) replica.goOnline();
      await waitForConvergence(replicas, liveDoc, seed);

      const context = `seed ${seed} (rerun with FUZZ_SEED=${seed}), steps ${JSON.stringify(Object.fromEntries(counts))}`;
      const reference = copyOf(liveDoc()!);
      const hash = planContentHash(reference);
      const stateVector = Y.encodeStateVector(reference);
      const outputs = computeOutputs(new PlanDoc(copyOf(reference)), data);
      expect(hash, `${context}: the server's live document`).toMatch(
        /^[0-9a-f]{64}$/,
      );
      expect(
        Y.decodeStateVector(stateVector).size,
        `${context}: clients whose edits reached the server`,
      ).toBeGreaterThan(count);

      for (const replica of replicas) {
        const where = `${context}, ${replica.name}`;
        expect(planContentHash(replica.doc), `${where}: content hash`).toBe(
          hash,
        );
        expect(
          Y.encodeStateVector(replica.doc),
          `${where}: state vector`,
        ).toEqual(stateVector);
        expect(
          planContentHash(replica.loadSaved()),
          `${where}: persisted copy`,
        ).toBe(hash);
        expect(computeOutputs(replica.plan, data), `${where}: outputs`).toEqual(
          outputs,
        );
      }

      // And the server's storage rebuilds the same document after a stop.
      for (const replica of replicas.splice(0)) replica.destroy();
      await stopServer(seed);
      const storage = Storage.open(fixture.dataDir, { readonly: true });
      let stored: Y.Doc;
      try {
        stored = loadRoomDoc(storage, ROOM);
      } finally {
        storage.close();
      }
      expect(planContentHash(stored), `${context}: stored content hash`).toBe(
        hash,
      );
      expect(
        Y.encodeStateVector(stored),
        `${context}: stored state vector`,
      ).toEqual(stateVector);
      expect(
        computeOutputs(new PlanDoc(stored), data),
        `${context}: stored outputs`,
      ).toEqual(outputs);
    });
  }
});

function liveDoc(): Y.Doc | null {
  return server?.rooms.get(ROOM)?.doc ?? null;
}

/**
 * Stops the server, failing with the seed when the stop does not finish.
 * The bound is a hang guard, not a speed check, because a stop waits at
 * most `closeTimeoutMs` (1 s in tests) for clients.
 */
async function stopServer(seed: number): Promise<void> {
  const stopping = server!.close();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<"hung">((resolve) => {
    timer = setTimeout(() => resolve("hung"), STOP_GUARD_MS);
  });
  const outcome = await Promise.race([stopping, hung]);
  clearTimeout(timer);
  if (outcome === "hung") {
    throw new Error(
      `Seed ${seed}: server.close() timed out after ${STOP_GUARD_MS} ms. ` +
        `Rerun with FUZZ_SEED=${seed}.`,
    );
  }
  server = null;
}

// A copy, so that reading through PlanDoc (whose YKeyValue removes
// duplicate entries) never writes to the server's live document.
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

// The demo plan's units plus a random few, and the accounts in them, so
// that replicas often edit the same units and accounts.
function editPool(random: Random): EditPool {
  const unitIds = [
    ...new Set([
      ...Object.keys(DEMO_PLAN.assignments),
      ...random.sample(data.unitIds, 30),
    ]),
  ];
  const inPool = new Set(unitIds);
  const accounts = data.accounts.filter((a) => inPool.has(a.unitId));
  return { unitIds, accounts: random.sample(accounts, 20) };
}
