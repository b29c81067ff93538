// Opens the SQLite file for the migration runner and turns every way it can fail into a message that names
// the path and the fix (a missing or unwritable data folder, a folder where the file should be, a file that
// is not a database). The data folder is created when missing: a fresh clone has none.
import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export class DatabaseOpenError extends Error {
  override name = "DatabaseOpenError";
}

const fixUrl = "or set DATABASE_URL=file:/path/to/a/writable/folder/app.db";

export function openSqliteFile(file: string): Database.Database {
  if (file === ":memory:") return new Database(file);
  const dir = dirname(file);
  if (!existsSync(dir)) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? "error";
      throw new DatabaseOpenError(
        `Cannot create the data folder ${dir} for the database file ${file} (${code}). ` +
          `Fix: create the folder and make it writable by this user (mkdir -p ${dir}), ${fixUrl}.`,
      );
    }
  }
  if (!statSync(dir).isDirectory()) {
    throw new DatabaseOpenError(`${dir} is not a folder, so the database file ${file} cannot live there. Fix: ${fixUrl.replace(/^or /, "")}.`);
  }
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) {
      throw new DatabaseOpenError(`The database path ${file} is a folder, not a file. Fix: remove or rename that folder, ${fixUrl}.`);
    }
    try {
      accessSync(file, constants.R_OK | constants.W_OK);
    } catch {
      throw new DatabaseOpenError(`The database file ${file} is not writable by this user. Fix: chmod u+rw ${file} (or chown it to this user), ${fixUrl}.`);
    }
  } else {
    try {
      accessSync(dir, constants.W_OK);
    } catch {
      throw new DatabaseOpenError(`The data folder ${dir} is not writable, so ${file} cannot be created. Fix: make the folder writable by this user, ${fixUrl}.`);
    }
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    // A file that is not SQLite only fails on first read; journal_mode=WAL also lets the server read while
    // scripts (admin:create) write.
    db.pragma("journal_mode = WAL");
    db.prepare("SELECT count(*) FROM sqlite_master").get();
    return db;
  } catch (err) {
    db?.close();
    const msg = (err as Error).message;
    if (/not a database|file is encrypted/i.test(msg)) {
      throw new DatabaseOpenError(`The file ${file} is not a SQLite database (${msg}). Fix: move it away so a new database is created there, ${fixUrl}.`);
    }
    throw new DatabaseOpenError(`Cannot open the database file ${file}: ${msg}. Fix: check the file and its folder's permissions, ${fixUrl}.`);
  }
}
