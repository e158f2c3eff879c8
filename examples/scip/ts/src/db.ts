import { User } from "./model";

/** The remote user database, spoken to over HTTP. */
export class Database {
  constructor(private readonly baseUrl: string) {}

  /** Runs one query against the database service. */
  async query(sql: string): Promise<string[]> {
    const response = await fetch(this.baseUrl + "/query?q=" + encodeURIComponent(sql));
    return (await response.json()) as string[];
  }
}

export const db = new Database("http://db.internal");

/** Looks a user up by name. */
export async function findUser(name: string): Promise<User | undefined> {
  const rows = await db.query("select email from users where name = '" + name + "'");
  return rows.length === 0 ? undefined : new User(name, rows[0]);
}

export async function saveOrder(id: number, cents: number): Promise<void> {
  await db.query("insert into orders values (" + id + ", " + cents + ")");
}
