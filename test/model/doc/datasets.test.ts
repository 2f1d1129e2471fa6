import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { setDatasetHash } from "../../../model/doc/datasets.ts";
import { initPlan } from "../../../model/doc/init-plan.ts";
import { PlanDoc } from "../../../model/doc/plan-doc.ts";

const OLD = "a".repeat(64);
const NEW = "b".repeat(64);

function plan(): PlanDoc {
  return initPlan(new Y.Doc(), {
    planId: "p",
    name: "P",
    datasets: { geometry: "c".repeat(64), accounts: OLD },
  });
}

describe("setDatasetHash", () => {
  test("replaces one kind and keeps the others", () => {
    const planDoc = plan();
    setDatasetHash(planDoc, "accounts", NEW);
    expect(planDoc.readMeta().datasets).toEqual({
      geometry: "c".repeat(64),
      accounts: NEW,
    });
  });

  test("reaches another replica", () => {
    const planDoc = plan();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(planDoc.doc));
    const before = Y.encodeStateVector(other);
    setDatasetHash(planDoc, "accounts", NEW);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(planDoc.doc, before));
    expect(new PlanDoc(other).readMeta().datasets.accounts).toBe(NEW);
  });

  test("writes nothing when the hash is already set", () => {
    const planDoc = plan();
    let updates = 0;
    planDoc.doc.on("update", () => (updates += 1));
    setDatasetHash(planDoc, "accounts", OLD);
    expect(updates).toBe(0);
  });

  test("uses the given transaction origin", () => {
    const planDoc = plan();
    const origin = { editor: "test" };
    let seen: unknown = null;
    planDoc.doc.on("update", (_u: Uint8Array, o: unknown) => (seen = o));
    setDatasetHash(planDoc, "accounts", NEW, origin);
    expect(seen).toBe(origin);
  });

  test("rejects a value that is not a sha256", () => {
    expect(() => setDatasetHash(plan(), "accounts", "ABC")).toThrow(
      /"ABC" is not a sha256 for the accounts dataset/,
    );
  });
});
