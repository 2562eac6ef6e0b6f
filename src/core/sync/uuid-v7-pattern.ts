/** RFC 9562 UUIDv7 text form. Apart from the generator so the wire schemas load in a browser (no node:crypto). */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
