import { describe, expect, test } from "vitest";
import { redactUrl } from "../../sync-server/log.ts";

describe("redactUrl", () => {
  test.each([
    ["/sync/demo?token=abc.def", "/sync/demo?token=[redacted]"],
    ["/?plan=demo&token=abc#x", "/?plan=demo&token=[redacted]#x"],
    ["/?access_token=abc&plan=demo", "/?access_token=[redacted]&plan=demo"],
    ["/?refreshToken=abc", "/?refreshToken=[redacted]"],
    ["/?TOKEN=abc&id_token=def", "/?TOKEN=[redacted]&id_token=[redacted]"],
    ["http://host/a?x=1&token=", "http://host/a?x=1&token=[redacted]"],
  ])("redacts %s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  test.each([
    "/?tokens=abc",
    "/?token_type=bearer",
    "/sync/token=abc",
    "/?plan=token",
  ])("keeps %s", (url) => {
    expect(redactUrl(url)).toBe(url);
  });
});
