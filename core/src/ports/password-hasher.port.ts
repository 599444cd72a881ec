/** One-way password hashing (bcrypt in `adapters/auth`). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}
