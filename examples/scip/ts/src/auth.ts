import { findUser } from "./db";
import { User } from "./model";

/** Checks a password and returns the user. */
export async function login(name: string, password: string): Promise<User> {
  const user = await findUser(name);
  if (user === undefined || !checkPassword(password)) {
    throw new Error("login failed for " + name);
  }
  return user;
}

function checkPassword(password: string): boolean {
  return password.length >= 8;
}
