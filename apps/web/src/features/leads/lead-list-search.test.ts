import { describe, expect, test } from "vitest";
import { leadListSearch } from "./lead-list-search.ts";

// The router parses the query string as JSON values before validateSearch sees it.
describe("the leads list's address", () => {
  test("keeps a bookmarked filter", () => {
    const bookmarked = {
      q: "acme",
      status: ["new", "won"],
      source: ["event"],
      owner: "0b7c9a52-6a0e-4f7e-9d3b-2f1f7f0c8e11",
      sort: "value",
      dir: "asc",
      view: "5d2f1c3a-8e4b-4c6d-9a7f-1b2c3d4e5f60",
    };
    expect(leadListSearch(bookmarked)).toEqual(bookmarked);
  });

  test("drops what it does not know instead of failing the page", () => {
    const search = leadListSearch({
      q: 42,
      status: ["new", "archived"],
      source: "event",
      owner: "not-an-id",
      sort: "password",
      dir: "up",
      view: 7,
    });
    expect(Object.values(search).filter((v) => v !== undefined)).toEqual([]);
  });
});
