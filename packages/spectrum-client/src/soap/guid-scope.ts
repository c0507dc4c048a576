/**
 * The session GUID of one logical batch. Spectrum groups the records of a batch by GUID (reused for a
 * batch sent with the same Authorization ID); after inactivity it answers "Time out has occurred" and
 * the caller must switch to a new GUID.
 */
export class GuidScope {
  private guid: string | undefined;

  constructor(private readonly generate: () => string) {}

  current(): string {
    this.guid ??= this.generate();
    return this.guid;
  }

  /** Replaces the GUID if it is still the one that expired (concurrent callers rotate once). */
  rotate(expired: string): void {
    if (this.guid === expired) this.guid = this.generate();
  }
}
