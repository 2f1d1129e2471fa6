import { ACCOUNTS } from "../model/versions/fixture.ts";
import { territory } from "./cli-fixture.ts";

/**
 * The accounts.json of the Acme plan's public folder: the accounts of the
 * versions fixture, all in the "county" segment.
 */
export const ACME_ACCOUNTS_FILE = {
  accounts: ACCOUNTS.map((account) => ({ ...account, segment: "county" })),
};

/**
 * The Acme plan's regions and territories: East with Boston and New York,
 * and West with Seattle.
 */
export const ACME_TERRITORIES = [
  territory("east", "East", { kind: "region" }),
  territory("west", "West", { kind: "region" }),
  territory("bos", "Boston", { parentId: "east" }),
  territory("nyc", "New York", { parentId: "east" }),
  territory("sea", "Seattle", { parentId: "west" }),
];
