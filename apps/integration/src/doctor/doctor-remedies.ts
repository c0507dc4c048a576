import { SpectrumAuthError, SpectrumTlsError, SpectrumTransportError } from '@bridge/spectrum-client';
import type { ResolvedConnection } from '../spectrum/spectrum-client.factory.js';

/** PROD-19: what to do when the network or the certificate is the problem. */
export function networkRemedy(error: unknown, timeoutMs: number): string {
  if (error instanceof SpectrumTlsError) {
    return error.certificateProblem === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? 'use the host name the certificate names in the service URL, or have the certificate reissued for this name'
      : error.certificateProblem === 'CERT_HAS_EXPIRED' || error.certificateProblem === 'CERT_NOT_YET_VALID'
        ? 'have the Spectrum server’s certificate renewed'
        : "add the company's CA certificate (or the server's own certificate), PEM, to the connection's CA bundle (Settings → Connection)";
  }
  if (error instanceof SpectrumTransportError && error.timedOut) {
    return `the server did not answer within ${timeoutMs} ms: check that Spectrum's web services are running and not overloaded, and that no firewall silently drops this server's traffic (SPECTRUM_DOCTOR_TIMEOUT_MS sets the limit)`;
  }
  if (error instanceof SpectrumTransportError && error.status !== undefined) {
    return `the server answered HTTP ${error.status}: check the service URL points at Spectrum's web services`;
  }
  return "check the service URL's host and port and that this server may reach it: Spectrum's firewall or IP allow-list must admit this server's address";
}

export function infoLinkRemedy(
  error: unknown,
  table: string,
  c: ResolvedConnection,
  timeoutMs: number,
): string {
  if (c.infoLink.mode === 'sql') {
    if (error instanceof SpectrumAuthError && error.code === 'grant')
      return `grant SELECT on ${table} to the Info-Link login ${c.infoLink.connection.login} (Spectrum's Info-Link table security)`;
    if (error instanceof SpectrumAuthError)
      return 'check the Info-Link login and password, and that the login may connect to the Info-Link database';
    if (
      error instanceof SpectrumTransportError &&
      error.retryable === false &&
      !(error instanceof SpectrumTlsError)
    )
      return 'check the Info-Link database name (and that this Spectrum version has the table)';
    return networkRemedy(error, timeoutMs);
  }
  if (error instanceof SpectrumAuthError)
    return 'allow Info-Link reads for the Authorization ID (the stand-in answers the same credentials as the REST services)';
  return networkRemedy(error, timeoutMs);
}
