// Types of scripts/mail-capture-lib.mjs, for the TypeScript tests that start the capture.
export type CapturedMail = {
  id: string;
  /** ISO 8601, when the capture received it. */
  date: string;
  from: string;
  /** Envelope recipients. */
  to: string[];
  subject: string;
  text: string;
};

export type MailCapture = {
  smtpPort: number;
  httpPort: number;
  /** Base URL of the web page and of the JSON API (`/api/messages`). */
  url: string;
  /** Newest first. */
  messages(): CapturedMail[];
  clear(): void;
  stop(): Promise<void>;
};

export function escapeHtml(value: unknown): string;

export function startMailCapture(options?: {
  smtpPort?: number;
  httpPort?: number;
  max?: number;
  log?: (line: string) => void;
}): Promise<MailCapture>;
