import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function lintText(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("model purity rule", () => {
  test("model/ sources pass the purity lint", async () => {
    const results = await eslint.lintFiles(["model/**/*.ts"]);
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`),
    );
    expect(problems).toEqual([]);
  }, 60_000);

  test("yjs outside model/doc is rejected", async () => {
    const messages = await lintText(
      'import * as Y from "yjs";\nexport const d = new Y.Doc();\n',
      "model/quota/x.ts",
    );
    expect(messages.join("\n")).toMatch(/Only model\/doc\/ may import yjs/);
  });

  test("type-only imports of yjs are rejected too", async () => {
    const messages = await lintText(
      'import type { Doc } from "yjs";\nexport type D = Doc;\n',
      "model/x.ts",
    );
    expect(messages.join("\n")).toMatch(/Only model\/doc\/ may import yjs/);
  });

  test("yjs inside model/doc is allowed", async () => {
    const messages = await lintText(
      'import * as Y from "yjs";\nexport const d = new Y.Doc();\n',
      "model/doc/x.ts",
    );
    expect(messages).toEqual([]);
  });

  test("svelte, DOM and Node built-ins are rejected", async () => {
    const svelte = await lintText(
      'import { mount } from "svelte";\nexport const m = mount;\n',
      "model/doc/x.ts",
    );
    expect(svelte.join("\n")).toMatch(/must not import UI code/);
    const node = await lintText(
      'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n',
      "model/x.ts",
    );
    expect(node.join("\n")).toMatch(/Node built-ins/);
    const dom = await lintText(
      "export const w = window.innerWidth;\n",
      "model/x.ts",
    );
    expect(dom.join("\n")).toMatch(/no-restricted-globals/);
  });
});
