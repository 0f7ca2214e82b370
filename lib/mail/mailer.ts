/** A message the product sends: today, invitations by email. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Where mail goes. Off by default: an invitation by email is then still shown to its person when they sign in, and
 * its link can be passed on by hand. A deployment plugs in its own (SMTP, a mail API) with `installMailer`.
 */
export interface Mailer {
  /** Whether anything is sent at all (the invite dialog says so when it is not). */
  readonly enabled: boolean;
  send(message: MailMessage): Promise<void>;
}

/** Sends nothing. */
export const mailOff: Mailer = { enabled: false, send: async () => undefined };

/** MAIL_TRANSPORT=log: writes each message to the server log instead of sending it (development, tests). */
export const mailToLog: Mailer = {
  enabled: true,
  send: async (message) => console.log(`[mail] to ${message.to}: ${message.subject}\n${message.text}`),
};

const MAILER_KEY = Symbol.for("switchboard.mailer");
type Holder = { [MAILER_KEY]?: Mailer };

/** The mailer in use: one installed by the deployment, else the one MAIL_TRANSPORT names (`log`), else off. */
export function mailer(): Mailer {
  return (globalThis as Holder)[MAILER_KEY] ?? (process.env.MAIL_TRANSPORT === "log" ? mailToLog : mailOff);
}

/** Plugs in a mailer (a deployment's SMTP or mail API client). */
export function installMailer(plugged: Mailer): void {
  (globalThis as Holder)[MAILER_KEY] = plugged;
}
