import type { ReactNode } from 'react';

export interface OptionsProps<T> {
  items: readonly T[];
  /** The option's value (and React key). */
  value: (item: T) => string | number;
  /** What the option shows; the value itself when left out. */
  label?: (item: T) => ReactNode;
  /** A first choice with the empty value ("any", "none"), when the select may be left unset. */
  empty?: string;
}

/** A select's choices from a list: every picker in the desk views draws them the same way. */
export function Options<T>({ items, value, label, empty }: OptionsProps<T>) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {items.map((item) => {
        const v = value(item);
        return (
          <option key={v} value={v}>
            {label ? label(item) : v}
          </option>
        );
      })}
    </>
  );
}
