import type { Dispatcher } from 'undici';

// Downloads through the caller's proxy: HTTPS_PROXY/HTTP_PROXY and NO_PROXY (either case, lower case
// first, as curl reads them), as self-hosted runners and corporate networks set them. Node's own fetch
// ignores these variables. undici (its ProxyAgent: stable, unlike EnvHttpProxyAgent, which warns) is
// loaded only when a proxy is set, so commands start without it.

/** The subset of fetch a download needs. */
export type FetchLike = (url: string, init: { readonly signal: AbortSignal; readonly redirect: 'follow' }) => Promise<Response>;

/** A fetch that honours the proxy variables of `env`, or undefined when none is set (plain fetch then). */
export function proxyFetchFromEnv(env: Readonly<Record<string, string | undefined>>): FetchLike | undefined {
  const pick = (name: string): string | undefined => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
  const proxies = { 'https:': pick('https_proxy'), 'http:': pick('http_proxy') };
  if (!proxies['https:'] && !proxies['http:']) return undefined;
  const noProxy = (pick('no_proxy') ?? '').split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  const agents = new Map<string, Dispatcher>();
  return async (url, init) => {
    const target = new URL(url);
    const proxy = proxies[target.protocol as 'https:' | 'http:'];
    if (!proxy || bypasses(noProxy, target)) return fetch(url, init);
    const loaded = await import('undici');
    // Bundled (esbuild), the CommonJS module arrives as `default`.
    const undici = 'ProxyAgent' in loaded ? loaded : (loaded as unknown as { default: typeof loaded }).default;
    let dispatcher = agents.get(proxy);
    if (!dispatcher) agents.set(proxy, (dispatcher = new undici.ProxyAgent(proxy)));
    return (await undici.fetch(url, { ...init, dispatcher })) as unknown as Response;
  };
}

/** NO_PROXY: `*`, or host names (a leading dot optional; subdomains match), each with an optional `:port`. */
export function bypasses(noProxy: readonly string[], target: URL): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return noProxy.some((entry) => {
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry)!;
    const name = m[1]!.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    if (m[2] !== undefined && m[2] !== port) return false;
    return host === name || host.endsWith(`.${name}`);
  });
}
