// CPU profiles of Portico (node --cpu-prof): under load, to show where a request's time goes when
// a throughput or latency target is missed, and during start-up when the cold-start one is.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { measureColdStart, prepareFixture, startPortico } from './portico.mjs';
import { freePort, stopProcess } from './processes.mjs';
import { profileMarkdown, readMainThreadProfile, summarizeProfile } from './profile.mjs';
import { runWrk, writePostScript } from './wrk.mjs';

function profileDir(workDir, name) {
  const dir = join(workDir, 'profiles', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Portico (the seed fixture) profiled while wrk drives `scenario` for `seconds`. */
export async function profileUnderLoad({ scenario, seconds, ctx }) {
  const dir = profileDir(ctx.workDir, scenario.id);
  const fixture = prepareFixture(ctx.workDir, `profile-${scenario.id}`, undefined);
  const apiPort = await freePort();
  const path = scenario.path('portico');
  const { proc, url } = await startPortico(
    `portico (profile ${scenario.id})`,
    {
      dir: fixture,
      apiPort,
      backendUrl: ctx.backendUrl,
      extraFlags: ctx.porticoExtraFlags,
      nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir],
    },
    { cpu: ctx.proxyCpu, path },
  );
  const script = scenario.postBytes ? writePostScript(ctx.workDir, scenario.postBytes) : undefined;
  const load = { wrk: ctx.tools.wrk, cpu: ctx.loadCpu, url, connections: scenario.connections, script, postBytes: scenario.postBytes };
  let fromMicros = 0;
  try {
    await runWrk({ ...load, seconds: 1 });
    // The profile starts with the process (start-up, Terraform): keep only the measured load.
    fromMicros = Number(process.hrtime.bigint() - proc.startedAt) / 1000;
    await runWrk({ ...load, seconds });
  } finally {
    // SIGTERM: Portico shuts down and exits, and Node writes the profile on the way out.
    await stopProcess(proc, 15_000);
  }
  return {
    title: `${scenario.title} (${seconds} s under load, warm)`,
    markdown: profileMarkdown(summarizeProfile(readMainThreadProfile(dir), 25, { fromMicros })),
  };
}

/** Portico profiled from process start to its first proxied 200 (then stopped). */
export async function profileStartup({ ctx }) {
  const dir = profileDir(ctx.workDir, 'startup');
  const ms = await measureColdStart({
    workDir: ctx.workDir,
    apiPort: await freePort(),
    backendUrl: ctx.backendUrl,
    cpu: ctx.proxyCpu,
    extraFlags: ctx.porticoExtraFlags,
    nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir],
  });
  return {
    title: `start-up to the first proxied 200 (${ms.toFixed(0)} ms with the profiler on)`,
    markdown: profileMarkdown(summarizeProfile(readMainThreadProfile(dir), 25)),
  };
}
