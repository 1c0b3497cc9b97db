import "./zod-config.ts";
import { expect, test } from "vitest";
import { z } from "zod";

test("zod reads the app's settings: object schemas are not compiled with eval", () => {
  expect(z.config().jitless).toBe(true);
});
