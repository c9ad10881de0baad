/**
 * A small reader of SQLite's files, for the anonymity tests: what someone
 * who can read `kaoping.db` and `kaoping.db-wal` while the server runs sees.
 *
 * WAL (https://www.sqlite.org/fileformat2.html#walformat): a 32-byte header
 * (magic, version, page size at offset 8, checkpoint sequence, salt-1, salt-2,
 * checksums), then frames: a 24-byte header (page number, "database size after
 * commit" — non-zero on the last frame of a commit —, salt-1, salt-2,
 * checksums) and one page. Frames whose salts differ from the header's are
 * left over from before the last reset and are not part of the log (though
 * their bytes are readable, so they are returned too, as `stale`).
 * Database file: pages of the size at offset 16 of its 100-byte header (1 = 65536).
 */
import { existsSync, readFileSync } from "node:fs";

export interface WalCommit {
  /** The pages written by the commit, as bytes. */
  pages: Buffer[];
  /** True when the frames' salts are not the current header's (an old, reset log's). */
  stale: boolean;
}

export interface WalFile {
  bytes: number;
  pageSize: number;
  commits: WalCommit[];
  /** Frames after the last commit frame (an unfinished transaction). */
  uncommitted: Buffer[];
}

export function readWal(path: string): WalFile {
  const file = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
  if (file.length < 32) return { bytes: file.length, pageSize: 0, commits: [], uncommitted: [] };
  const magic = file.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) throw new Error(`not a WAL file (magic ${magic.toString(16)})`);
  const pageSize = file.readUInt32BE(8);
  const salt = [file.readUInt32BE(16), file.readUInt32BE(20)];
  const commits: WalCommit[] = [];
  let pending: Buffer[] = [];
  for (let at = 32; at + 24 + pageSize <= file.length; at += 24 + pageSize) {
    const dbSizeAfterCommit = file.readUInt32BE(at + 4);
    const stale = file.readUInt32BE(at + 8) !== salt[0] || file.readUInt32BE(at + 12) !== salt[1];
    pending.push(file.subarray(at + 24, at + 24 + pageSize));
    if (dbSizeAfterCommit !== 0) {
      commits.push({ pages: pending, stale });
      pending = [];
    }
  }
  return { bytes: file.length, pageSize, commits, uncommitted: pending };
}

export function readDbPages(path: string): Buffer[] {
  const file = readFileSync(path);
  const raw = file.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages: Buffer[] = [];
  for (let at = 0; at < file.length; at += pageSize) pages.push(file.subarray(at, at + pageSize));
  return pages;
}

/** Which of `needles` occur in the bytes (as UTF-8). */
export function found(bytes: Buffer | Buffer[], needles: string[]): string[] {
  const haystack = Array.isArray(bytes) ? Buffer.concat(bytes) : bytes;
  return needles.filter((n) => haystack.includes(Buffer.from(n, "utf8")));
}
