/** The name an operator acknowledges alerts with, remembered per browser profile. */
const KEY = 'earshot.operatorName';
export const DEFAULT_OPERATOR_NAME = 'operator';

export function loadOperatorName(): string {
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
