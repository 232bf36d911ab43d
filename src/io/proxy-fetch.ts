import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

// Downloads through the caller's proxy: HTTPS_PROXY/HTTP_PROXY and NO_PROXY (either case), as
// self-hosted runners and corporate networks set them. Node's own fetch ignores these variables.

/** The subset of fetch a download needs. */
export type FetchLike = (url: string, init: { readonly signal: AbortSignal; readonly redirect: 'follow' }) => Promise<Response>;

/** A fetch that honours the proxy variables of `env`, or undefined when none is set (plain fetch then). */
export function proxyFetchFromEnv(env: Readonly<Record<string, string | undefined>>): FetchLike | undefined {
  const proxied = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'].some((name) => env[name]);
  if (!proxied) return undefined;
  const pick = (lower: string, upper: string): string | undefined => env[lower] || env[upper] || undefined;
  const dispatcher = new EnvHttpProxyAgent({
    httpsProxy: pick('https_proxy', 'HTTPS_PROXY'), httpProxy: pick('http_proxy', 'HTTP_PROXY'), noProxy: pick('no_proxy', 'NO_PROXY'),
  });
  return async (url, init) => (await undiciFetch(url, { ...init, dispatcher })) as unknown as Response;
}
