// Basic authentication as Aculab does it: user "<cloudId>/<username>", password the API key.

import { createHash, timingSafeEqual } from "node:crypto";

import type { Credentials } from "./types";

export function expectedUser(credentials: Credentials): string {
  return `${credentials.cloudId}/${credentials.username}`;
}

/** Returns the accepted user, or null. Compares digests so timing reveals nothing. */
export function authorize(header: string | undefined, credentials: Credentials): string | null {
  const match = /^basic\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const userOk = sameText(user, expectedUser(credentials));
  const passwordOk = sameText(password, credentials.apiKey);
  return userOk && passwordOk ? user : null;
}

function sameText(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}
