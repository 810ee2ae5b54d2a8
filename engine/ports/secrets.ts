/** @module Secret ports: password hashing and random tokens, kept behind interfaces so app code stays free of node built-ins. */

/** Hashes and verifies passwords; the hash string carries its own salt and parameters. */
export interface PasswordHasher {
  /** A self-describing, salted hash of `password`. */
  hash(password: string): Promise<string>;
  /** Whether `password` matches `hash`, compared in constant time. Never throws on a malformed hash. */
  verify(password: string, hash: string): Promise<boolean>;
}

/** Random tokens and digests for sessions, CSRF tokens and API keys. */
export interface TokenSource {
  /** `bytes` cryptographically random bytes, base64url-encoded. */
  randomToken(bytes: number): string;
  /** `bytes` cryptographically random bytes, hex-encoded. */
  randomHex(bytes: number): string;
  /** Hex SHA-256 digest of a UTF-8 string. */
  sha256(text: string): string;
  /** Constant-time string comparison. */
  safeEqual(a: string, b: string): boolean;
}
