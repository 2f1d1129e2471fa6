import { describe, expect, test } from "vitest";
import { timeZoneProblem } from "../../../model/incentives/deals/time-zone.ts";
import {
  browserTimeZone,
  NO_TIME_ZONE,
  suggestedTimeZone,
  supportedTimeZones,
  timeZoneChoices,
} from "../../../web/incentives/time-zone-choices.ts";

describe("timeZoneChoices", () => {
  const supported = ["Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo"];

  test("lists not set, then zones sorted with UTC", () => {
    expect(timeZoneChoices(null, null, supported)).toEqual([
      { value: NO_TIME_ZONE, label: "Not set (UTC)" },
      { value: "America/Los_Angeles", label: "America/Los_Angeles" },
      { value: "Asia/Tokyo", label: "Asia/Tokyo" },
      { value: "Europe/Berlin", label: "Europe/Berlin" },
      { value: "UTC", label: "UTC" },
    ]);
  });

  test("marks the browser's zone", () => {
    const choices = timeZoneChoices(null, "Asia/Tokyo", supported);
    expect(choices.find((c) => c.value === "Asia/Tokyo")?.label).toBe(
      "Asia/Tokyo (this browser)",
    );
    expect(
      choices.filter((c) => c.label.endsWith("(this browser)")),
    ).toHaveLength(1);
  });

  test("keeps a stored zone the list lacks", () => {
    const values = timeZoneChoices("Asia/Calcutta", null, supported).map(
      (c) => c.value,
    );
    expect(values).toContain("Asia/Calcutta");
    expect(values.filter((v) => v === "UTC")).toHaveLength(1);
  });

  test("lists each zone once", () => {
    const values = timeZoneChoices("UTC", "UTC", [...supported, "UTC"]).map(
      (c) => c.value,
    );
    expect(new Set(values).size).toBe(values.length);
  });
});

describe("suggestedTimeZone", () => {
  test("suggests the browser's zone when the plan has another", () => {
    expect(suggestedTimeZone(null, "Europe/Berlin")).toBe("Europe/Berlin");
    expect(suggestedTimeZone("Asia/Tokyo", "Europe/Berlin")).toBe(
      "Europe/Berlin",
    );
  });

  test("suggests nothing when the plan uses it", () => {
    expect(suggestedTimeZone("Europe/Berlin", "Europe/Berlin")).toBeNull();
    expect(suggestedTimeZone(null, "UTC")).toBeNull();
  });

  test("suggests nothing without a browser zone", () => {
    expect(suggestedTimeZone(null, null)).toBeNull();
    expect(suggestedTimeZone(null, "")).toBeNull();
  });
});

describe("supportedTimeZones", () => {
  test("lists zones the model accepts", () => {
    const zones = supportedTimeZones();
    expect(zones).toContain("America/Los_Angeles");
    for (const zone of zones) expect(timeZoneProblem(zone), zone).toBeNull();
  });

  test("browser zone is a zone the model accepts", () => {
    const zone = browserTimeZone();
    expect(zone).not.toBeNull();
    expect(timeZoneProblem(zone ?? "")).toBeNull();
  });
});
