/** The slice of a pino logger the channel uses; never given message text, tokens or the secret. */
export interface DirectLineLogger {
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
}
