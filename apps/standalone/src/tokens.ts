/** The standalone app's own services; the api's (`TOKENS` of @gavel/app-api) are in the same container. */
export const STANDALONE_TOKENS = {
  Config: Symbol.for('gavel.standalone.Config'),
  EventFeed: Symbol.for('gavel.standalone.EventFeed'),
  Scheduler: Symbol.for('gavel.standalone.Scheduler'),
} as const;
