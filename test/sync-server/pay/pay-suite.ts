import { ApiSuite, useSuite } from "../api-suite.ts";
import { importJanuaryDeals, payTeam, type PayTeam } from "./pay-fixture.ts";

/** An `ApiSuite` whose server also contains the pay plan, its team and the January deals. */
export class PaySuite extends ApiSuite {
  private currentTeam: PayTeam | null = null;

  /** The tokens of the plan's creator and of Ana, Ben and Mia. */
  get team(): PayTeam {
    if (!this.currentTeam)
      throw new Error(
        "The pay team does not exist yet: read it inside a test, after usePayServer's beforeEach.",
      );
    return this.currentTeam;
  }

  override async beginTest(): Promise<void> {
    await super.beginTest();
    this.currentTeam = await payTeam(this.server);
    await importJanuaryDeals(this.server, this.currentTeam.admin);
  }

  override async endTest(): Promise<void> {
    this.currentTeam = null;
    await super.endTest();
  }
}

/**
 * Registers hooks that start a sync server for each test, create the pay
 * plan with its team, import the January deals, and clean up after the test.
 */
export function usePayServer(): PaySuite {
  return useSuite(new PaySuite());
}
