// Summarizes a V8 CPU profile (node --cpu-prof) of a server under load: CPU attributed to the
// package that caused it (native and node-internal frames, e.g. socket writes, count for the
// nearest package frame above them), and the hottest functions by self time. Loading the
// modules (resolving, reading, compiling and running them at start-up) is counted apart: in a
// bench of seconds it would otherwise crowd out what the requests cost.
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import type { Teardown } from "./support.ts";

// The parts of V8's .cpuprofile format this summary reads.
const cpuProfile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

const INTERNAL = "node internals";
const NATIVE = "(native/V8)";

function packageOf(url: string): string {
  if (!url) return NATIVE;
  if (url.startsWith("node:")) return INTERNAL;
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match?.[1]) return match[1];
  const repo = /\/(apps|packages|bench)\/([^/]+)\//.exec(url);
  return repo ? `${repo[1]}/${repo[2]}` : url;
}

function top(map: Map<string, number>, n: number, total: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, us]) => `    ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
}

/** Several profiles (one per thread of every server process) add up into one summary. */
export async function summarizeCpuProfiles(files: string[], topFunctions = 12): Promise<string> {
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  let loading = 0;
  for (const file of files) {
    const profile = cpuProfile.parse(JSON.parse(await readFile(file, "utf8")));
    const added = addProfile(profile, byPackage, byFunction);
    busy += added.busy;
    loading += added.loading;
  }
  return [
    `  busy ${(busy / 1e6).toFixed(1)} s of CPU (and ${(loading / 1e6).toFixed(1)} s loading modules at start-up, left out), by the package that caused it:`,
    ...top(byPackage, 12, busy),
    "  hottest functions (self time):",
    ...top(byFunction, topFunctions, busy),
  ].join("\n");
}

/** Node's module loader: frames under it are start-up (loading, compiling, evaluating modules). */
const isModuleLoading = (url: string) => url.startsWith("node:internal/modules/");

/** Adds one profile's samples to the totals; returns its busy and module-loading microseconds. */
function addProfile(
  profile: z.infer<typeof cpuProfile>,
  byPackage: Map<string, number>,
  byFunction: Map<string, number>,
): { busy: number; loading: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  const attributed = new Map<number, string>();
  const attribute = (id: number): string => {
    const known = attributed.get(id);
    if (known) return known;
    const frame = byId.get(id)?.callFrame;
    let result: string;
    if (!frame) result = NATIVE;
    else if (frame.functionName.startsWith("(")) result = frame.functionName;
    else {
      const pkg = packageOf(frame.url);
      const up = parent.get(id);
      result =
        (pkg === INTERNAL || pkg === NATIVE) && up !== undefined && byId.get(up)?.callFrame.url
          ? attribute(up)
          : pkg;
    }
    attributed.set(id, result);
    return result;
  };

  const loadingNodes = new Map<number, boolean>();
  const underLoader = (id: number): boolean => {
    const known = loadingNodes.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const result =
      isModuleLoading(byId.get(id)?.callFrame.url ?? "") || (up !== undefined && underLoader(up));
    loadingNodes.set(id, result);
    return result;
  };

  let busy = 0;
  let loading = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === "(idle)") return;
    if (underLoader(id)) {
      loading += us;
      return;
    }
    busy += us;
    const pkg = attribute(id);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const where = frame.url.startsWith("node:") ? frame.url : packageOf(frame.url);
    const fn = `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  });
  return { busy, loading };
}

/**
 * Where a bench's Guild server writes its CPU profiles: --cpu-prof-dir (kept), a temporary
 * directory for --cpu-prof (removed at teardown), or null (not profiled).
 */
export async function cpuProfileDir(
  teardown: Teardown,
  flags: { "cpu-prof"?: boolean | undefined; "cpu-prof-dir"?: string | undefined },
): Promise<{ dir: string | null; kept: boolean }> {
  const kept = flags["cpu-prof-dir"];
  if (kept) {
    await mkdir(kept, { recursive: true });
    return { dir: kept, kept: true };
  }
  if (!flags["cpu-prof"]) return { dir: null, kept: false };
  const dir = await mkdtemp(join(tmpdir(), "guild-bench-prof-"));
  teardown.add(() => rm(dir, { recursive: true, force: true }));
  return { dir, kept: false };
}

/** Stops the profiled server (its profiles are written as it exits) and prints where CPU went. */
export async function printCpuProfile(
  profile: { dir: string | null; kept: boolean },
  stopServer: () => Promise<unknown>,
): Promise<void> {
  if (!profile.dir) return;
  await stopServer();
  const files = (await readdir(profile.dir))
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => join(profile.dir ?? "", f));
  console.log(
    `\nGuild server CPU profile (every target it served):\n${await summarizeCpuProfiles(files)}`,
  );
  if (profile.kept)
    console.log(`  profiles kept in ${profile.dir}: node bench/cpu-profile-top.ts ${profile.dir}`);
}
