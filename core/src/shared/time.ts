/**
 * Instants are epoch milliseconds inside the core: cheap to compare and to store. They become
 * ISO 8601 UTC strings only in views and on the wire (SPEC, "Money, ids, time").
 */
export type Instant = number;

export const toIso = (instant: Instant): string => new Date(instant).toISOString();

export const SECOND = 1000;
