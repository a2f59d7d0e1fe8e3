/**
 * The name an operator acknowledges alerts with: the signed-in person in a browser (the core uses
 * it whatever is sent), or the name typed in the hub's own window, remembered per profile.
 */
import { signedInPerson } from './identity';

const KEY = 'earshot.operatorName';
export const DEFAULT_OPERATOR_NAME = 'operator';

export function loadOperatorName(): string {
  const person = signedInPerson();
  if (person !== null) return person;
  try {
    return window.localStorage.getItem(KEY) ?? DEFAULT_OPERATOR_NAME;
  } catch {
    return DEFAULT_OPERATOR_NAME; // Storage can be disabled; the default still works.
  }
}

export function saveOperatorName(name: string): void {
  try {
    window.localStorage.setItem(KEY, name);
  } catch {
    // Not remembering the name is harmless.
  }
}
