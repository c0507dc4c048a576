import {
  SpectrumAuthError,
  type SpectrumError,
  SpectrumTlsError,
  SpectrumTransportError,
} from '../../errors.js';
import { findCertificateProblem } from '../../transport/certificate-problem.js';

/** What a driver error says, in the terms both databases share. */
export interface SqlFailure {
  /** login refused, no permission on the table, table missing, timed out, connection failed, anything else. */
  kind: 'login' | 'permission' | 'missing-table' | 'timeout' | 'connection' | 'other';
  message: string;
  cause: unknown;
}

/**
 * A SQL failure as the client's typed errors, each naming its remedy: a refused login or a missing grant is an
 * authorization error (not retried), a certificate problem a TLS error, a time-out or lost connection a retryable
 * transport error. `redact` removes the password from the driver's text.
 */
export function sqlError(
  failure: SqlFailure,
  table: string,
  redact: (text: string) => string,
): SpectrumError {
  const service = `infolink/${table}`;
  const detail = redact(failure.message);
  const certificate = findCertificateProblem(failure.cause);
  if (certificate) {
    return new SpectrumTlsError(
      `${service}: could not connect securely to the Info-Link database: ${certificate.description}; ${certificate.remedy}`,
      certificate.code,
      { service },
    );
  }
  switch (failure.kind) {
    case 'login':
      return new SpectrumAuthError(
        `${service}: the Info-Link database refused the login (${detail}); check the Info-Link login and password`,
        { service },
      );
    case 'permission':
      return new SpectrumAuthError(
        `${service}: the Info-Link login may not read ${table} (${detail}); grant SELECT on ${table} to the Info-Link login`,
        { service, code: 'grant', column: table },
      );
    case 'missing-table':
      return new SpectrumTransportError(
        `${service}: the Info-Link database has no table ${table} (${detail}); check the database name and the Spectrum version`,
        { service, retryable: false },
      );
    case 'timeout':
      return new SpectrumTransportError(
        `${service}: the Info-Link database did not answer in time (${detail})`,
        {
          service,
          timedOut: true,
        },
      );
    case 'connection':
      return new SpectrumTransportError(`${service}: could not reach the Info-Link database (${detail})`, {
        service,
      });
    default:
      return new SpectrumTransportError(`${service}: the Info-Link query failed (${detail})`, {
        service,
        retryable: false,
      });
  }
}
