import * as Y from "yjs";
import { initPlan } from "../model/doc/init-plan.ts";
import { medianMs, seededRandom, type BenchResult } from "./harness.ts";

/**
 * Size and cold-open time of a plan document after 100,000 repaint edits of
 * 3,222 units, for the plan's key-value assignments against a plain Y.Map.
 */
export function benchDocSize(edits = 100_000): BenchResult {
  const unitIds = Array.from({ length: 3_222 }, (_, i) =>
    String(i).padStart(5, "0"),
  );
  const territoryIds = Array.from({ length: 20 }, (_, i) => `t${i}`);

  const plan = initPlan(new Y.Doc(), {
    planId: "bench",
    name: "Bench",
    territories: territoryIds.map((id) => ({
      id,
      name: id,
      color: "#888888",
      parentId: null,
      ownerId: null,
      locked: false,
      kind: "territory" as const,
    })),
  });
  const map = new Y.Doc().getMap<string>("assignments");

  plan.doc.transact(() =>
    unitIds.forEach((id, i) => plan.assignments.set(id, territoryIds[i % 20])),
  );
  map.doc!.transact(() =>
    unitIds.forEach((id, i) => map.set(id, territoryIds[i % 20])),
  );
  const startPlan = Y.encodeStateAsUpdate(plan.doc).byteLength;
  const startMap = Y.encodeStateAsUpdate(map.doc!).byteLength;

  const random = seededRandom(7);
  for (let i = 0; i < edits; i += 50) {
    const stroke = Array.from(
      { length: 50 },
      () => unitIds[Math.floor(random() * unitIds.length)],
    );
    const territory = territoryIds[Math.floor(random() * territoryIds.length)];
    plan.assign(stroke, territory);
    map.doc!.transact(() => stroke.forEach((id) => map.set(id, territory)));
  }
  const planUpdate = Y.encodeStateAsUpdate(plan.doc);
  const mapUpdate = Y.encodeStateAsUpdate(map.doc!);

  const openPlan = medianMs(
    () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, planUpdate);
      doc.getArray("assignments").toArray();
    },
    10,
    2,
  );
  const openMap = medianMs(
    () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, mapUpdate);
      doc.getMap("assignments").toJSON();
    },
    10,
    2,
  );

  return {
    name: `plan document after ${edits.toLocaleString("en-US")} repaint edits of ${unitIds.length.toLocaleString("en-US")} units`,
    rows: [
      {
        structure: "Y.Map (baseline)",
        start: kb(startMap),
        after: kb(mapUpdate.byteLength),
        "cold open": `${openMap.toFixed(1)} ms`,
      },
      {
        structure: "plan assignments (YKeyValue)",
        start: kb(startPlan),
        after: kb(planUpdate.byteLength),
        "cold open": `${openPlan.toFixed(1)} ms`,
      },
    ],
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}
