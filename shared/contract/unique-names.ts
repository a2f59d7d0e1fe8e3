/**
 * A compile-time check that no two areas of the contract declare the same call: the API map is
 * built by spreading one map per area, and a name declared twice would silently take the later
 * area's schema. `UniqueNames<[A, B, C]>` is `true` when the maps share no key; otherwise it is an
 * object type naming the duplicates, so assigning `true` to it fails and the error shows them.
 */

/** The keys of every member of a union of objects (plain `keyof` of a union keeps only common keys). */
type KeysOfEach<T> = T extends object ? keyof T : never;

/** The names at least two of the maps declare. */
export type SharedNames<Maps extends readonly object[]> = Maps extends readonly [infer First extends object, ...infer Rest extends readonly object[]]
  ? (keyof First & KeysOfEach<Rest[number]>) | SharedNames<Rest>
  : never;

export type UniqueNames<Maps extends readonly object[]> = [SharedNames<Maps>] extends [never] ? true : { declaredInTwoAreas: SharedNames<Maps> };
