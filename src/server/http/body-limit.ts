/** The largest request body the server takes unless told otherwise (its own module so the CLI can name it without loading Fastify). */
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;
