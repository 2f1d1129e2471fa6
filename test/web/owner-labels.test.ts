import { expect, test } from "vitest";
import type { PlanPerson } from "../../web/session/sharing-api.ts";
import { ownerLabels } from "../../web/ui/owner-labels.ts";

const person = (
  id: string,
  name: string,
  joinedAt: string,
  role: PlanPerson["role"] = "editor",
): PlanPerson => ({ id, name, color: "#1f77b4", role, joinedAt });

// The date as stored, so that the test does not depend on the locale.
const isoDay = (iso: string) => iso.slice(0, 10);

test("ownerLabels leaves unique names short", () => {
  const labels = ownerLabels(
    [
      person("p1", "Ann", "2026-03-04T10:00:00Z"),
      person("p2", "Bo", "2026-03-05T10:00:00Z", "reviewer"),
    ],
    isoDay,
  );
  expect(labels.get("p1")).toBe("Ann (editor)");
  expect(labels.get("p2")).toBe("Bo (reviewer)");
});

test("ownerLabels adds join date to shared names", () => {
  const labels = ownerLabels(
    [
      person("p1", "Ann", "2026-03-04T10:00:00Z"),
      person("p2", "Ann", "2026-03-05T10:00:00Z"),
      person("p3", "Bo", "2026-03-05T10:00:00Z"),
    ],
    isoDay,
  );
  expect(labels.get("p1")).toBe("Ann (editor, joined 2026-03-04)");
  expect(labels.get("p2")).toBe("Ann (editor, joined 2026-03-05)");
  expect(labels.get("p3")).toBe("Bo (editor)");
});

test("ownerLabels adds id when date is shared", () => {
  const labels = ownerLabels(
    [
      person("a1b2c3d4", "Ann", "2026-03-04T10:00:00Z"),
      person("e5f6a7b8", "Ann", "2026-03-04T11:00:00Z"),
      person("c9d0e1f2", "Ann", "2026-03-06T11:00:00Z"),
    ],
    isoDay,
  );
  expect(labels.get("a1b2c3d4")).toBe(
    "Ann (editor, joined 2026-03-04, id a1b2c3)",
  );
  expect(labels.get("e5f6a7b8")).toBe(
    "Ann (editor, joined 2026-03-04, id e5f6a7)",
  );
  expect(labels.get("c9d0e1f2")).toBe("Ann (editor, joined 2026-03-06)");
  expect(new Set(labels.values()).size).toBe(3);
});
