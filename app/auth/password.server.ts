/** Password hashing lives in server/password.ts, so the CLI and the seed use it without reaching into app/. */
export { decoyHash, hashPassword, verifyPassword } from "../../server/password";
