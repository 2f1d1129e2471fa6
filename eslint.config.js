import js from "@eslint/js";
import tseslint from "typescript-eslint";
import svelte from "eslint-plugin-svelte";
import globals from "globals";

const nodeBuiltins = [
  "node:*",
  "fs",
  "path",
  "os",
  "crypto",
  "http",
  "https",
  "net",
  "child_process",
  "worker_threads",
  "stream",
  "url",
  "util",
  "events",
];

// The model is pure: no UI, DOM, server or storage code, and yjs only in
// the plan-document module model/doc/. Type-only imports are blocked too.
const modelRestrictions = (allowYjs) => ({
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        {
          group: ["svelte", "svelte/*", "*.svelte"],
          message: "model/ must not import UI code.",
        },
        {
          group: [
            "maplibre-gl",
            "d3",
            "d3-*",
            "dexie",
            "y-dexie",
            "y-websocket",
          ],
          message: "model/ must not import UI, storage or network code.",
        },
        {
          group: ["ws", "better-sqlite3", "pino", "jose", ...nodeBuiltins],
          message: "model/ must not import server code or Node built-ins.",
        },
        {
          group: ["**/sync-server/**", "**/web/**", "**/cli/**"],
          message: "model/ must not import from the server, web app or CLI.",
        },
        ...(allowYjs
          ? []
          : [
              {
                group: [
                  "yjs",
                  "y-protocols",
                  "y-protocols/*",
                  "y-utility",
                  "y-utility/*",
                  "lib0",
                  "lib0/*",
                  "**/doc",
                  "**/doc/*",
                ],
                message:
                  "Only model/doc/ may import yjs; the rest of model/ works on plain input.",
              },
            ]),
      ],
    },
  ],
  "no-restricted-globals": [
    "error",
    "window",
    "document",
    "navigator",
    "localStorage",
    "indexedDB",
    "fetch",
    "process",
    "Buffer",
    "console",
  ],
});

export default tseslint.config(
  {
    ignores: [
      "node_modules",
      "dist",
      "data",
      "public",
      "test-results",
      "bench/results",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-console": ["error", { allow: ["error", "warn"] }],
    },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: {
      parserOptions: { parser: tseslint.parser },
    },
  },
  {
    files: ["model/**/*.ts"],
    ignores: ["model/doc/**"],
    rules: modelRestrictions(false),
  },
  {
    files: ["model/doc/**/*.ts"],
    rules: modelRestrictions(true),
  },
  {
    files: [
      "cli/**/*.ts",
      "scripts/**/*.js",
      "bench/**/*.ts",
      "sync-server/main.ts",
      "bin/**/*.js",
    ],
    rules: { "no-console": "off" },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      "no-console": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
