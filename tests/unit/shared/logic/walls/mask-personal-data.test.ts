import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '@shared/logic/walls/mask-personal-data';

describe('maskPersonalData', () => {
  it('masks e-mail addresses', () => {
    expect(maskPersonalData('write to jane.doe+care@example.co.uk now')).toBe('write to [email] now');
  });

  it('masks @handles, fediverse addresses and reddit users but keeps hashtags', () => {
    expect(maskPersonalData('@KestrelMobile fix it #KestrelDown')).toBe('@••• fix it #KestrelDown');
    expect(maskPersonalData('cc @alice@mastodon.social and @bob_99.')).toBe('cc @••• and @•••.');
    expect(maskPersonalData('as u/throwaway_123 said')).toBe('as u/••• said');
    expect(maskPersonalData('(@carol)')).toBe('(@•••)');
  });

  it('masks phone numbers in the usual notations', () => {
    expect(maskPersonalData('call +44 20 7946 0958 today')).toBe('call [phone] today');
    expect(maskPersonalData('ring (555) 123-4567')).toBe('ring [phone]');
    expect(maskPersonalData('tel 0612345678')).toBe('tel [phone]');
  });

  it('masks card and account numbers, IBANs, IP addresses and links', () => {
    expect(maskPersonalData('card 4111 1111 1111 1111 declined')).toBe('card [number] declined');
    expect(maskPersonalData('IBAN GB82 WEST 1234 5698 7654 32 please')).toBe('IBAN [number] please');
    expect(maskPersonalData('from 192.168.1.20')).toBe('from [address]');
    expect(maskPersonalData('see https://x.com/jane/status/1')).toBe('see [link]');
  });

  it('leaves ordinary numbers, dates, times and prices alone', () => {
    const text = 'Down since 14:30 on 2026-11-23, 3rd time this week; paid $1,299.99 for 12 months, 45 min on hold';
    expect(maskPersonalData(text)).toBe(text);
    expect(maskPersonalData('on 23/11/2026')).toBe('on 23/11/2026');
  });

  it('leaves a text without personal data untouched', () => {
    expect(maskPersonalData('Network is down again in Leeds')).toBe('Network is down again in Leeds');
  });
});
