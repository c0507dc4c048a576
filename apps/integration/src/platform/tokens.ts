/** Injection tokens of the platform layer (explicit, so injection never depends on emitted type metadata). */
export const ENV = Symbol('ENV');
export const LOGGER = Symbol('LOGGER');
export const PRISMA = Symbol('PRISMA');
export const SECRET_BOX = Symbol('SECRET_BOX');
export const CLOCK = Symbol('CLOCK');
export const SPECTRUM_CLIENT_FACTORY = Symbol('SPECTRUM_CLIENT_FACTORY');
export const MAILER = Symbol('MAILER');
/** The demo's in-process mail catcher (`MailCatcher`), or null when mail goes elsewhere. */
export const MAIL_CATCHER = Symbol('MAIL_CATCHER');

/** Optional: how the Info-Link SQL executor is opened (default: mssql); tests read the simulator's mirror. */
export const INFOLINK_SQL_EXECUTOR = Symbol('INFOLINK_SQL_EXECUTOR');

export const LIFECYCLE = Symbol('LIFECYCLE');
/** The snapshot each request works at (`RequestSnapshots`), or null when READ_CACHE_MB=0 keeps nothing per snapshot. */
export const DATABASE_SNAPSHOTS = Symbol('DATABASE_SNAPSHOTS');

/** The database snapshot an HTTP request works at, read once per request (`DatabaseSnapshots` in platform/db). */
export interface RequestSnapshots {
  of(request: object): Promise<string>;
}
export const METRICS = Symbol('METRICS');

/** The time source; tests pass a fake one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
