/** What a UUIDv7 looks like; apart from uuid-v7.ts (node:crypto) so the wire schemas also type-check for the browser. */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
