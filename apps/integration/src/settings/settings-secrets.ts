import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { StoredSettings } from './settings.repository.js';

/** The stored secrets in plain text, only to remove them from any text that leaves the service. */
export function openSecrets(s: StoredSettings, box: SecretBox): string[] {
  const out: string[] = [];
  for (const sealed of [s.servicePasswordEnc, s.clientSecretEnc, s.infoLink.passwordEnc]) {
    if (!sealed) continue;
    try {
      out.push(box.open(sealed));
    } catch {
      // a secret sealed with another key cannot appear in any text either
    }
  }
  return out;
}
