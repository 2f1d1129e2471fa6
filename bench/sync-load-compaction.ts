import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Y from "yjs";
import { initPlan } from "../model/doc/init-plan.ts";
import { PlanDoc } from "../model/doc/plan-doc.ts";
import { readDemoPlan } from "../sync-server/demo.ts";
import { Storage } from "../sync-server/storage.ts";

// `node --import tsx bench/sync-load-compaction.ts`: what a room snapshot
// costs the server's thread as the plan grows under the edits of
// bench/sync-load.ts (50 editors, each edit one assignment and one
// timestamp key). Every 2,000 edits it times three steps. Encoding the
// document in place blocks the event loop. Building the same snapshot in
// the worker thread leaves the server's thread free while it waits for the
// reply. The insert of the snapshot row stays on the server's thread.

const EDITORS = 50;
const STEPS = [2000, 4000, 6000, 8000, 10000, 12000];

const demo = readDemoPlan(join("public", "data", "demo-plan.json"));
const first = new Y.Doc();
initPlan(first, { ...demo, planId: "load" });
const initialUpdate = Y.encodeStateAsUpdate(first);
const dataDir = mkdtempSync(join(tmpdir(), "meridian-bench-compaction-"));
const storage = Storage.open(dataDir);
storage.createPlan({ id: "load", name: "Load" }, initialUpdate);
const server = new Y.Doc();
Y.applyUpdate(server, initialUpdate);

const editors = Array.from({ length: EDITORS }, (_, editor) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialUpdate);
  const plan = new PlanDoc(doc);
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  return {
    editor,
    doc,
    plan,
    units: [...plan.readAssignments().keys()],
    territories: plan.readTerritories().map((territory) => territory.id),
    sentAt: doc.getMap<number>("sentAt"),
    updates,
  };
});

let round = 0;
let lastSeq = 1;
console.log(
  "| edits | in place ms | worker build ms (wall) | insert ms | bytes |",
);
console.log("| --- | --- | --- | --- | --- |");
try {
  for (const edits of STEPS) {
    while (round * EDITORS < edits) {
      storage.transaction(() => {
        for (const e of editors) {
          const unit = e.units[(e.editor * 997 + round * 31) % e.units.length];
          const territory =
            e.territories[(e.editor + round) % e.territories.length];
          e.doc.transact(() => {
            e.plan.assign([unit], territory);
            e.sentAt.set(`${e.editor}:${round}`, Date.now());
          });
          const update = e.updates.pop()!;
          lastSeq = storage.appendUpdate("load", update, "bench");
          Y.applyUpdate(server, update);
        }
      });
      round++;
    }

    let start = performance.now();
    const inPlace = Y.encodeStateAsUpdate(server);
    const inPlaceMs = performance.now() - start;
    start = performance.now();
    const built = await storage.buildSnapshot("load", lastSeq);
    const buildMs = performance.now() - start;
    start = performance.now();
    storage.writeSnapshot("load", lastSeq, built.state);
    const insertMs = performance.now() - start;
    if (built.state.byteLength !== inPlace.byteLength) {
      throw new Error(
        `The worker's snapshot at seq ${lastSeq} has ${built.state.byteLength} bytes but the document encodes to ${inPlace.byteLength}, so the worker missed or added updates.`,
      );
    }
    console.log(
      `| ${edits} | ${inPlaceMs.toFixed(1)} | ${buildMs.toFixed(1)} | ${insertMs.toFixed(1)} | ${inPlace.byteLength} |`,
    );
  }
} finally {
  storage.close();
  rmSync(dataDir, { recursive: true, force: true });
}
