import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import {
  readBalanceTargets,
  writeBalanceTarget,
} from "../../../model/doc/balance-targets.ts";
import { initPlan } from "../../../model/doc/init-plan.ts";
import { PlanDoc } from "../../../model/doc/plan-doc.ts";

const territory = (name: string, kind: "territory" | "region") => ({
  name,
  color: "#1f77b4",
  parentId: null,
  ownerId: null,
  locked: false,
  kind,
});

function plan() {
  return initPlan(new Y.Doc(), {
    planId: "p",
    name: "P",
    territories: [
      { id: "east", ...territory("East", "territory") },
      { id: "west", ...territory("West", "territory") },
      { id: "north", ...territory("North", "region") },
    ],
  });
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("balance targets", () => {
  test("a target is stored per territory and metric", () => {
    const planDoc = plan();
    writeBalanceTarget(planDoc, "east", "potential", "1,250,000.5");
    writeBalanceTarget(planDoc, "east", "population", "300000");
    expect(readBalanceTargets(planDoc, "potential")).toEqual(
      new Map([["east", 125_000_050]]),
    );
    expect(readBalanceTargets(planDoc, "population")).toEqual(
      new Map([["east", 300_000]]),
    );
    expect(readBalanceTargets(planDoc, "workload")).toEqual(new Map());
    expect(
      planDoc.territories.get("east")?.get("balanceTarget.potential"),
    ).toBe("1250000.50");
  });

  test("a blank target removes it", () => {
    const planDoc = plan();
    writeBalanceTarget(planDoc, "west", "accounts", "40");
    writeBalanceTarget(planDoc, "west", "accounts", "  ");
    expect(readBalanceTargets(planDoc, "accounts").size).toBe(0);
  });

  test("rejects invalid text, regions, unknown ids", () => {
    const planDoc = plan();
    expect(() =>
      writeBalanceTarget(planDoc, "east", "accounts", "4.5"),
    ).toThrow(/Target "4.5" for accounts is invalid/);
    expect(() => writeBalanceTarget(planDoc, "north", "accounts", "4")).toThrow(
      /is a region/,
    );
    expect(() => writeBalanceTarget(planDoc, "gone", "accounts", "4")).toThrow(
      /does not exist/,
    );
  });

  test("concurrent targets of two metrics survive", () => {
    const a = plan();
    const bDoc = new Y.Doc();
    sync(a.doc, bDoc);
    const b = new PlanDoc(bDoc);
    writeBalanceTarget(a, "east", "accounts", "10");
    writeBalanceTarget(b, "east", "population", "5000");
    sync(a.doc, b.doc);
    expect(readBalanceTargets(b, "accounts").get("east")).toBe(10);
    expect(readBalanceTargets(a, "population").get("east")).toBe(5000);
  });

  test("a deleted territory takes its targets along", () => {
    const planDoc = plan();
    writeBalanceTarget(planDoc, "east", "accounts", "10");
    planDoc.deleteTerritory("east");
    expect(readBalanceTargets(planDoc, "accounts").size).toBe(0);
  });
});
