import { describe, expect, it } from "vitest";
import { slugAddress } from "./slug-preview.ts";

describe("the slug field's address preview", () => {
  it("shows the address a valid slug gives, as the server stores it", () => {
    expect(slugAddress("https://guild.example", "acme-sales")).toBe(
      "https://guild.example/o/acme-sales",
    );
    expect(slugAddress("https://guild.example", " Acme ")).toBe("https://guild.example/o/acme");
  });

  it("never shows an address that cannot exist", () => {
    for (const typed of ["", "ab", "My Org!", "acme--sales", "-acme", "acme/../x", "a".repeat(41)])
      expect(slugAddress("https://guild.example", typed), typed).toBeNull();
  });
});
