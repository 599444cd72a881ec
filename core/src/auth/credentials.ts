/** Field problems of registration input, or null. Pure: the edge has already checked types. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USERNAME = /^[A-Za-z0-9_.-]{3,50}$/;

/** UTF-8 length without TextEncoder (core has no platform API). */
export const utf8Length = (s: string): number => {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
};

/**
 * 8 to 72 UTF-8 bytes: bcrypt silently ignores everything after byte 72, so a longer password
 * would be accepted with its tail unchecked; refusing it is honest (issue 4).
 */
export const passwordProblem = (password: string): string | null => {
  const bytes = utf8Length(password);
  if (password.length < 8) return 'must be at least 8 characters';
  if (bytes > 72) return 'must be at most 72 bytes (UTF-8)';
  return null;
};

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const registrationProblems = (input: { username: string; email: string; password: string; name?: string | null }): Record<string, string> => {
  const p: Record<string, string> = {};
  if (!USERNAME.test(input.username)) p.username = 'must be 3 to 50 letters, digits, dots, dashes or underscores';
  if (!EMAIL.test(normalizeEmail(input.email)) || input.email.length > 255) p.email = 'must be an e-mail address';
  const pw = passwordProblem(input.password);
  if (pw) p.password = pw;
  if (input.name !== undefined && input.name !== null && (input.name.trim().length === 0 || input.name.length > 100)) p.name = 'must be 1 to 100 characters';
  return p;
};
