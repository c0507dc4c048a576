/** Node's codes for a server certificate it does not trust, with what each means in plain words. */
const PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'was issued by a self-signed CA that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'was issued by a CA that is not trusted (its issuer is unknown)',
  UNABLE_TO_GET_ISSUER_CERT: 'was issued by a CA that is not trusted (its issuer is unknown)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'was issued by a CA that is not trusted (its issuer is unknown)',
  CERT_HAS_EXPIRED: 'has expired',
  CERT_NOT_YET_VALID: 'is not valid yet',
  CERT_REVOKED: 'has been revoked',
  CERT_SIGNATURE_FAILURE: 'has an invalid signature',
  ERR_TLS_CERT_ALTNAME_INVALID: 'does not name this host',
};

export interface CertificateProblem {
  code: string;
  /** e.g. "the server's certificate is self-signed and not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)". */
  description: string;
  remedy: string;
}

/** The certificate problem behind an error (searched through `cause` / `originalError`), if there is one. */
export function findCertificateProblem(error: unknown): CertificateProblem | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; cause?: unknown; originalError?: unknown; reason?: unknown };
    if (typeof e.code === 'string' && PROBLEMS[e.code]) {
      const code = e.code;
      const remedy =
        code === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? 'connect with the host name the certificate names (or have the certificate reissued for this name)'
          : code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID' || code === 'CERT_REVOKED'
            ? "have the server's certificate renewed"
            : "add the company's CA certificate (PEM) to the connection's CA bundle";
      return { code, description: `the server's certificate ${PROBLEMS[code]} (${code})`, remedy };
    }
    current = e.cause ?? e.originalError;
  }
  return undefined;
}
