/**
 * Public-screen-safe text: personal data in post text, alert details and names is masked before a
 * wall that visitors or cameras can see renders it. Conservative on purpose: a masked price is a
 * small loss, a readable phone number on a lobby screen is not.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** A fediverse address (@user@instance.tld) or a plain @handle. */
const HANDLE = /(^|[^\w@/])@[A-Za-z0-9_]{1,64}(?:\.[A-Za-z0-9_]+)*(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?/g;
/** Reddit-style user references: u/name, /u/name. */
const REDDIT_USER = /(^|[^\w/])\/?u\/[A-Za-z0-9_-]{3,}/g;
const URL = /\bhttps?:\/\/[^\s<>"']+/gi;
const IPV4 = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b/g;
/** Runs of digits with phone-like separators; the digit count decides below. */
const DIGIT_RUN = /\+?\(?\d[\d\s().\-/]{5,}\d/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DOTTED_DATE = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;

export const MASK = {
  email: '[email]',
  handle: '@•••',
  phone: '[phone]',
  number: '[number]',
  url: '[link]',
  ip: '[address]',
} as const;

export function maskPersonalData(text: string): string {
  return (
    text
      .replace(URL, MASK.url)
      // Handles first: a fediverse address (@user@host) would otherwise read as an e-mail.
      .replace(HANDLE, (_m, before: string) => `${before}${MASK.handle}`)
      .replace(EMAIL, MASK.email)
      .replace(REDDIT_USER, (_m, before: string) => `${before}u/•••`)
      .replace(IBAN, MASK.number)
      .replace(IPV4, MASK.ip)
      .replace(DIGIT_RUN, (run) => {
        const trimmed = run.trim();
        if (ISO_DATE.test(trimmed) || DOTTED_DATE.test(trimmed)) return run;
        const digits = trimmed.replace(/\D/g, '').length;
        if (digits >= 13) return MASK.number; // card and account numbers
        if (digits >= 7) return MASK.phone;
        return run;
      })
  );
}
