import { runProcess } from './docker-build.js';

// The versions of the tools that built the image. They reach the EIF through the image config (BuildKit
// writes its own history entries), so a rebuilder needs them to explain a config digest that differs.

export interface BuilderInfo {
  /** e.g. `github.com/docker/buildx v0.14.1 59582f7`. */
  readonly buildx?: string;
  /** The builder's driver, e.g. `docker`, `docker-container`. */
  readonly driver?: string;
  /** e.g. `v0.13.2`. */
  readonly buildkit?: string;
  /** The Docker engine's version, e.g. `26.1.5+dfsg1`. */
  readonly engine?: string;
}

const MAX_FIELD = 200;

/** Asks docker; a tool that does not answer leaves its field out (the build itself reports real failures). */
export async function readBuilderInfo(env: Readonly<Record<string, string | undefined>>): Promise<BuilderInfo> {
  const ask = (args: string[]) => runProcess({ command: 'docker', args, env: {} }, { env }).catch(() => '');
  const [buildx, inspect, engine] = await Promise.all([
    ask(['buildx', 'version']),
    ask(['buildx', 'inspect']),
    ask(['version', '--format', '{{.Server.Version}}']),
  ]);
  return parseBuilderInfo(buildx, inspect, engine);
}

/** Pure part of readBuilderInfo: picks the fields from the commands' output. */
export function parseBuilderInfo(buildxVersion: string, buildxInspect: string, engineVersion: string): BuilderInfo {
  const field = (text: string, name: string) => new RegExp(`^${name}:\\s*(\\S.*)$`, 'm').exec(text)?.[1]?.trim();
  const info: Record<string, string | undefined> = {
    buildx: buildxVersion.trim().split('\n')[0]?.trim(),
    driver: field(buildxInspect, 'Driver'),
    buildkit: field(buildxInspect, 'BuildKit version') ?? field(buildxInspect, 'Buildkit'),
    engine: engineVersion.trim().split('\n')[0]?.trim(),
  };
  return Object.fromEntries(Object.entries(info).filter((e): e is [string, string] => !!e[1]).map(([k, v]) => [k, v.slice(0, MAX_FIELD)]));
}
