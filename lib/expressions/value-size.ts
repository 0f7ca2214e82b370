/**
 * The size of a value as the limits count it: a string's characters, one per number, boolean or null, and for a list
 * or map one plus the sizes of its items (and keys). Deep, because a value's cost is what it takes to copy, compare or
 * log all of it: `cel.bind(a, [s, s], cel.bind(b, [a, a], …))` shares its parts in memory, yet doubles what an `==`
 * walks and what the log writes with every level.
 *
 * The size of each list and map is remembered (a WeakMap, so nothing is kept alive): a value built from parts already
 * measured costs only its own items, and a shared part is walked once, however often it is shared. Values must not
 * change once measured (CEL's values do not; the interpreter's comprehension accumulators are never measured).
 */
const sizes = new WeakMap<object, number>();

/** The size of `value`, or some number above `cap` as soon as it is clear the size exceeds it. */
export function valueSize(value: unknown, cap: number): number {
  if (typeof value === "string") return value.length;
  if (typeof value !== "object" || value === null) return 1;
  const known = sizes.get(value);
  if (known !== undefined) return known;
  let size = 1;
  if (Array.isArray(value)) {
    for (const item of value) {
      size += valueSize(item, cap - size);
      if (size > cap) return size;
    }
  } else if (value instanceof Map) {
    for (const [key, item] of value) {
      size += valueSize(key, cap - size) + valueSize(item, cap - size);
      if (size > cap) return size;
    }
  } else if (value instanceof Set) {
    for (const item of value) {
      size += valueSize(item, cap - size);
      if (size > cap) return size;
    }
  } else if (ArrayBuffer.isView(value)) {
    size = value.byteLength;
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      size += key.length + valueSize(item, cap - size);
      if (size > cap) return size;
    }
  }
  // Anything else (timestamps, durations, unsigned ints, optionals, types) is a fixed-size scalar.
  sizes.set(value, size);
  return size;
}

/** Records the size of a value built elsewhere (the JSON conversion of a result measures as it goes). */
export function rememberValueSize(value: object, size: number): void {
  sizes.set(value, size);
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
