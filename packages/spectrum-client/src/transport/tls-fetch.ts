import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import type { FetchLike } from './http-transport.js';

export interface TlsOptions {
  /** PEM text holding one or more CA (or self-signed server) certificates to trust. */
  ca?: string | undefined;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM bundle; throws a TypeError naming the problem when it holds none or a bad one. */
export function parseCaBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new TypeError('holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw new TypeError(`certificate ${i + 1} of the bundle cannot be read`);
    }
  });
}

/** Node's default trusted CAs (its bundled store plus NODE_EXTRA_CA_CERTS when set). */
function defaultCaCertificates(): string[] {
  const get = (tls as { getCACertificates?: (type?: string) => string[] }).getCACertificates;
  return get ? get('default') : [...tls.rootCertificates];
}

/**
 * `fetch` for the client. Without a CA bundle: Node's fetch (its CA store, NODE_EXTRA_CA_CERTS included). With one:
 * undici's fetch through an agent trusting Node's store plus the bundle. Certificate verification stays on.
 */
export function createTlsFetch(options: TlsOptions | undefined): FetchLike {
  if (!options?.ca) return (input, init) => fetch(input, init);
  const certificates = parseCaBundle(options.ca).map((c) => c.toString());
  // undici is loaded with the first call: a client without a CA bundle never loads it
  let loaded: Promise<FetchLike> | undefined;
  const load = (): Promise<FetchLike> => {
    loaded ??= import('undici').then(({ Agent, fetch: undiciFetch }) => {
      const dispatcher = new Agent({ connect: { ca: [...defaultCaCertificates(), ...certificates] } });
      return (input: string, init: RequestInit) =>
        undiciFetch(input, {
          ...(init as Parameters<typeof undiciFetch>[1]),
          dispatcher,
        }) as unknown as Promise<Response>;
    });
    return loaded;
  };
  return async (input, init) => (await load())(input, init);
}
