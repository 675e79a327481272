/** The invitation and revocation tokens' argon2id hashes: only the hash is stored, checked in constant work. */
import { randomUUID } from 'node:crypto';

interface Argon2 {
  hash(plain: string, options: Record<string, unknown>): Promise<string>;
  verify(hash: string, plain: string): Promise<boolean>;
}
let argon2Module: Promise<Argon2> | null = null;
let dummyHash: Promise<string> | null = null;

/** argon2 is a native addon: loaded from node_modules at run time (Directus itself depends on it), not bundled. */
function argon2(): Promise<Argon2> {
  const name = 'argon2';
  argon2Module ??= (import(name) as Promise<Argon2 & { default?: Argon2 }>).then((module) =>
    typeof module.hash === 'function' ? module : module.default!,
  );
  return argon2Module;
}

/** OWASP's argon2id minimum (19 MiB, 2 passes): the token already holds 256 random bits. */
const ARGON2_OPTIONS = { type: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export async function hashToken(token: string): Promise<string> {
  return (await argon2()).hash(token, ARGON2_OPTIONS);
}

/** Verifies against the stored hash, or against a dummy one when there is none, so both take the same time. */
export async function verifyToken(hash: string | null, token: string): Promise<boolean> {
  const library = await argon2();
  dummyHash ??= library.hash(`dummy-${randomUUID()}`, ARGON2_OPTIONS);
  const against = hash ?? (await dummyHash);
  try {
    return (await library.verify(against, token)) && hash !== null;
  } catch {
    return false;
  }
}
