/**
 * Why a user regular expression (a reveal-md `separator:`) could take super-linear time, or undefined when it
 * is simple enough. The check is static, so the compiler stays pure: backreferences, a quantifier or an
 * alternation inside a quantified group (`(a+)+`, `(a|ab)*`: exponential backtracking), and more than three
 * unbounded quantifiers are refused. Separators are short line patterns, which this leaves alone.
 */
export function unsafeRegex(pattern: string): string | undefined {
  const groups: { quantified: boolean; alternation: boolean }[] = [{ quantified: false, alternation: false }];
  let unbounded = 0;
  let i = 0;
  // What the last atom was, to tell whether a quantifier follows a group.
  let closed: { quantified: boolean; alternation: boolean } | undefined;
  const quantifierAt = (at: number): { length: number; unbounded: boolean } | undefined => {
    const c = pattern[at];
    if (c === '*' || c === '+') return { length: 1, unbounded: true };
    if (c === '?') return { length: 1, unbounded: false };
    const m = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at, at + 24)) : null;
    return m ? { length: m[0].length, unbounded: m[2] !== undefined && m[3] === '' } : undefined;
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    const q = quantifierAt(i);
    if (q) {
      if (closed && (closed.quantified || closed.alternation))
        return 'it repeats a group that itself repeats or has alternatives, which can take exponential time';
      if (q.unbounded && ++unbounded > 3) return 'it has more than three unbounded repetitions (*, + or {n,})';
      groups[groups.length - 1]!.quantified = true;
      i += q.length + (pattern[i + q.length] === '?' ? 1 : 0);
      closed = undefined;
      continue;
    }
    closed = undefined;
    if (c === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return 'it uses a backreference (\\1, \\k<name>)';
      i += 2;
    } else if (c === '[') {
      i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      groups.push({ quantified: false, alternation: false });
      i++;
    } else if (c === ')') {
      const g = groups.length > 1 ? groups.pop()! : { quantified: false, alternation: false };
      const parent = groups[groups.length - 1]!;
      parent.quantified ||= g.quantified;
      closed = g;
      i++;
    } else {
      if (c === '|') groups[groups.length - 1]!.alternation = true;
      i++;
    }
  }
  return undefined;
}
