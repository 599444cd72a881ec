/**
 * Service ids of the api container, one place for all (CONVENTIONS 8). `Symbol.for` so that the
 * standalone app, which builds on this container, names the same services.
 */
export const TOKENS = {
  Config: Symbol.for('gavel.api.Config'),
  Logger: Symbol.for('gavel.api.Logger'),
  Clock: Symbol.for('gavel.api.Clock'),
  Ids: Symbol.for('gavel.api.Ids'),
  Database: Symbol.for('gavel.api.Database'),
  EventStream: Symbol.for('gavel.api.EventStream'),
  Idempotency: Symbol.for('gavel.api.Idempotency'),
  PasswordHasher: Symbol.for('gavel.api.PasswordHasher'),
  AccessTokens: Symbol.for('gavel.api.AccessTokens'),
  SecretTokens: Symbol.for('gavel.api.SecretTokens'),
  Gavel: Symbol.for('gavel.api.Gavel'),
  Auth: Symbol.for('gavel.api.Auth'),
  Marketplace: Symbol.for('gavel.api.Marketplace'),
  Admin: Symbol.for('gavel.api.Admin'),
  Relay: Symbol.for('gavel.api.Relay'),
  HttpDeps: Symbol.for('gavel.api.HttpDeps'),
  HttpApp: Symbol.for('gavel.api.HttpApp'),
} as const;
