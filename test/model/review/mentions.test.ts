import { describe, expect, test } from "vitest";
import {
  completeMention,
  mentionChoices,
  mentionQueryAt,
  mentionedIds,
  splitMentions,
} from "../../../model/review/mentions.ts";

const people = [
  { id: "p-ana", name: "Ana" },
  { id: "p-ana-li", name: "Ana Li" },
  { id: "p-bo", name: "Bo Chen" },
];

describe("mentionQueryAt", () => {
  test("finds the name typed after @", () => {
    expect(mentionQueryAt("Ask @An", 7)).toEqual({ start: 4, query: "An" });
  });

  test("finds an empty query right after @", () => {
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
  });

  test("ignores an e-mail address", () => {
    expect(mentionQueryAt("mail ana@example.com", 20)).toBeNull();
  });

  test("ignores text without @", () => {
    expect(mentionQueryAt("Looks good", 10)).toBeNull();
  });

  test("stops at a line break", () => {
    expect(mentionQueryAt("@Ana\nnext", 9)).toBeNull();
  });
});

describe("mentionChoices", () => {
  test("matches a word of the name", () => {
    expect(mentionChoices(people, "ch").map((person) => person.id)).toEqual([
      "p-bo",
    ]);
  });

  test("puts names starting with the query first", () => {
    expect(mentionChoices(people, "li").map((person) => person.id)).toEqual([
      "p-ana-li",
    ]);
    expect(mentionChoices(people, "").length).toBe(3);
  });
});

describe("completeMention", () => {
  test("replaces the query with the name", () => {
    const text = "Ask @an about it";

    const result = completeMention(text, { start: 4, query: "an" }, people[1]);

    expect(result.text).toBe("Ask @Ana Li  about it");
    expect(result.caret).toBe(12);
  });
});

describe("mentionedIds", () => {
  test("prefers the longer name", () => {
    expect(mentionedIds("@Ana Li please check", people)).toEqual(["p-ana-li"]);
  });

  test("ignores case and keeps first mention order", () => {
    expect(mentionedIds("@bo chen and @ana, then @Bo Chen", people)).toEqual([
      "p-bo",
      "p-ana",
    ]);
  });

  test("needs a word boundary after the name", () => {
    expect(mentionedIds("@Anabel is away", people)).toEqual([]);
  });

  test("ignores an e-mail address", () => {
    expect(mentionedIds("write to x@Ana", people)).toEqual([]);
  });
});

describe("splitMentions", () => {
  test("splits text and mentions", () => {
    expect(splitMentions("Hi @Ana, see this", people)).toEqual([
      { text: "Hi ", personId: null },
      { text: "@Ana", personId: "p-ana" },
      { text: ", see this", personId: null },
    ]);
  });
});
