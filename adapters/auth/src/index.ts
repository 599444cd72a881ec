export * from './bcrypt-password-hasher';
export * from './crypto-secret-tokens';
export * from './jwt-access-tokens';
