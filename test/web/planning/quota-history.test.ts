import { expect, test } from "vitest";
import {
  changeText,
  relativeTime,
} from "../../../web/planning/quota-history.ts";

const now = new Date("2026-12-04T12:00:00Z");

test("relativeTime counts back from now", () => {
  expect(relativeTime("2026-12-04T11:59:30Z", now, "en")).toBe("just now");
  expect(relativeTime("2026-12-04T11:55:00Z", now, "en")).toBe("5 minutes ago");
  expect(relativeTime("2026-12-04T09:00:00Z", now, "en")).toBe("3 hours ago");
  expect(relativeTime("2026-12-03T12:00:00Z", now, "en")).toBe("yesterday");
  expect(relativeTime("not a time", now, "en")).toBe("not a time");
});

test("changeText writes empty values", () => {
  const change = {
    cell: "adj:ana",
    from: null,
    to: "+ 2000",
    personId: "p1",
    name: "Ann",
    at: "2026-12-04T12:00:00Z",
  };

  expect(changeText(change)).toBe("empty → + 2000");
  expect(changeText({ ...change, from: "+ 2000", to: null })).toBe(
    "+ 2000 → empty",
  );
});
