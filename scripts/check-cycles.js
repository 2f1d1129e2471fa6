// Fails when the TypeScript and Svelte sources import each other in a cycle.
// Follows relative imports only; packages cannot take part in a cycle here.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOTS = ["model", "sync-server", "web", "cli"];
const EXTENSIONS = [".ts", ".svelte", ".js"];
const IMPORT_PATTERN =
  /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;

function listSources(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory())
      return name === "node_modules" ? [] : listSources(path);
    return EXTENSIONS.some((ext) => name.endsWith(ext)) ? [path] : [];
  });
}

function resolveImport(from, specifier) {
  if (!specifier.startsWith(".")) return null;
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base,
    ...EXTENSIONS.map((ext) => base + ext),
    ...EXTENSIONS.map((ext) => join(base, "index" + ext)),
  ];
  return (
    candidates.find((path) => existsSync(path) && statSync(path).isFile()) ??
    null
  );
}

function importsOf(file) {
  const text = readFileSync(file, "utf8");
  const targets = [];
  for (const match of text.matchAll(IMPORT_PATTERN)) {
    const target = resolveImport(file, match[1] ?? match[2] ?? match[3]);
    if (target) targets.push(target);
  }
  return targets;
}

const files = ROOTS.flatMap((root) => listSources(resolve(root)));
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const state = new Map();
const cycles = [];

function visit(file, path) {
  state.set(file, "visiting");
  for (const target of graph.get(file) ?? []) {
    if (state.get(target) === "visiting") {
      cycles.push([...path.slice(path.indexOf(target)), target]);
    } else if (!state.has(target)) {
      visit(target, [...path, target]);
    }
  }
  state.set(file, "done");
}

for (const file of files) if (!state.has(file)) visit(file, [file]);

if (cycles.length > 0) {
  for (const cycle of cycles)
    console.error(
      "Import cycle: " +
        cycle.map((f) => relative(process.cwd(), f)).join(" -> "),
    );
  process.exit(1);
}
console.log(`No import cycles among ${files.length} source files.`);
