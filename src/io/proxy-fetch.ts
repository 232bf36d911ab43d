import type { Dispatcher } from 'undici';

// Downloads through the caller's proxy: HTTPS_PROXY/HTTP_PROXY and NO_PROXY (either case), as
// self-hosted runners and corporate networks set them. Node's own fetch ignores these variables.
// undici is loaded only when a proxy is set, so commands start without it.

/** The subset of fetch a download needs. */
export type FetchLike = (url: string, init: { readonly signal: AbortSignal; readonly redirect: 'follow' }) => Promise<Response>;

/** A fetch that honours the proxy variables of `env`, or undefined when none is set (plain fetch then). */
export function proxyFetchFromEnv(env: Readonly<Record<string, string | undefined>>): FetchLike | undefined {
  const proxied = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'].some((name) => env[name]);
  if (!proxied) return undefined;
  const pick = (lower: string, upper: string): string | undefined => env[lower] || env[upper] || undefined;
  let dispatcher: Dispatcher | undefined;
  return async (url, init) => {
    const undici = await import('undici');
    dispatcher ??= new undici.EnvHttpProxyAgent({
      httpsProxy: pick('https_proxy', 'HTTPS_PROXY'), httpProxy: pick('http_proxy', 'HTTP_PROXY'), noProxy: pick('no_proxy', 'NO_PROXY'),
    });
    return (await undici.fetch(url, { ...init, dispatcher })) as unknown as Response;
  };
}
