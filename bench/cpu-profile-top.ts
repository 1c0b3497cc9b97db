// `node bench/cpu-profile-top.ts <file.cpuprofile | dir>... [--top 25] [--all]`: the functions a
// V8 CPU profile (node --cpu-prof; `node bench/community.ts --cpu-prof --cpu-prof-dir <dir>`
// keeps the Guild server's) spent the most time in, by self time and by inclusive time (the
// function or anything it called; a recursive function counts once per sample). Several files
// (one per server process) add up. Idle samples and module loading at start-up (everything
// under node:internal/modules/) are left out unless --all: a bench of seconds would otherwise
// be about start-up, not requests.
//
// Read it knowing that V8 samples by wall clock: on a busy machine a thread preempted inside a
// syscall is charged to that syscall's frame. postgres.js's socket writes (writeBuffer under
// nextWrite) wake the PostgreSQL backend, which then often takes the core: they showed 20-28% of
// "busy" under load, while the process's system CPU (/proc, bench/cpu.ts) was a tenth of that.
// Compare /proc CPU per request for what a change saves; use this for where to look.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

const cpuProfile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({
        functionName: z.string(),
        url: z.string(),
        lineNumber: z.number(),
        columnNumber: z.number(),
      }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
type CpuProfile = z.infer<typeof cpuProfile>;

/** A frame's name: function, then where (node_modules shortened to the package, repo-relative). */
function frameName(frame: CpuProfile["nodes"][number]["callFrame"]): string {
  const name = frame.functionName || "(anonymous)";
  if (!frame.url) return name;
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(
    frame.url,
  );
  const where = pkg
    ? `${pkg[1]}/${pkg[2]}`
    : (/\/((?:apps|packages|bench)\/.*)$/.exec(frame.url)?.[1] ?? frame.url);
  return `${name} ${where}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
}

interface Totals {
  self: Map<string, number>;
  inclusive: Map<string, number>;
  busyUs: number;
  skippedUs: number;
}

function add(profile: CpuProfile, totals: Totals, all: boolean) {
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Each node's stack as frame names, root first, computed once.
  const stacks = new Map<number, string[]>();
  const stackOf = (id: number): string[] => {
    const known = stacks.get(id);
    if (known) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const stack = [
      ...(up === undefined ? [] : stackOf(up)),
      node ? frameName(node.callFrame) : "?",
    ];
    stacks.set(id, stack);
    return stack;
  };
  const skipped = (id: number): boolean => {
    if (all) return false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame?.functionName === "(idle)" || frame?.url.startsWith("node:internal/modules/"))
        return true;
    }
    return false;
  };
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    if (skipped(id)) {
      totals.skippedUs += us;
      return;
    }
    totals.busyUs += us;
    const stack = stackOf(id);
    const self = stack.at(-1) ?? "?";
    totals.self.set(self, (totals.self.get(self) ?? 0) + us);
    for (const name of new Set(stack))
      totals.inclusive.set(name, (totals.inclusive.get(name) ?? 0) + us);
  });
}

async function profileFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory())
      files.push(
        ...(await readdir(path)).filter((f) => f.endsWith(".cpuprofile")).map((f) => join(path, f)),
      );
    else files.push(path);
  }
  return files;
}

function table(title: string, map: Map<string, number>, busyUs: number, top: number): string[] {
  return [
    title,
    ...[...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, us]) =>
          `  ${((100 * us) / busyUs).toFixed(1).padStart(5)}% ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
      ),
  ];
}

/** The report for these profiles (files, or directories of .cpuprofile files). */
export async function cpuProfileTop(
  paths: string[],
  options: { top?: number; all?: boolean } = {},
): Promise<string> {
  const totals: Totals = { self: new Map(), inclusive: new Map(), busyUs: 0, skippedUs: 0 };
  const files = await profileFiles(paths);
  for (const file of files)
    add(cpuProfile.parse(JSON.parse(await readFile(file, "utf8"))), totals, options.all ?? false);
  const top = options.top ?? 25;
  return [
    `${files.length} profile(s): ${(totals.busyUs / 1e6).toFixed(2)} s busy` +
      (options.all
        ? ""
        : ` (${(totals.skippedUs / 1e6).toFixed(2)} s idle or loading modules, left out)`),
    ...table(`top ${top} by self time:`, totals.self, totals.busyUs, top),
    ...table(`top ${top} by inclusive time:`, totals.inclusive, totals.busyUs, top),
  ].join("\n");
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: "string", default: "25" }, all: { type: "boolean", default: false } },
  });
  if (positionals.length === 0) {
    console.error(
      "usage: node bench/cpu-profile-top.ts <file.cpuprofile | dir>... [--top n] [--all]",
    );
    process.exit(2);
  }
  console.log(await cpuProfileTop(positionals, { top: Number(values.top), all: values.all }));
}
