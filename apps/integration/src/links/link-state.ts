import type { SyncState } from '@bridge/rules';
import type { LinkView } from './links.repository.js';

/** A link's Spectrum key while it is linked (an unlinked item keeps no key that counts). */
export function activeSpectrumKey(link: LinkView | null | undefined): string | null {
  if (!link || link.state === 'unlinked') return null;
  return link.spectrumKey;
}

export function linkState(link: LinkView | null | undefined): SyncState | null {
  return link?.state ?? null;
}
