import { formatSpecifier } from 'd3-format';

/**
 * The spreadsheet number format closest to a d3-format specifier, so a native chart prints its values as the
 * SVG did: "$.2f" -> "$0.00", ",.0f" -> "#,##0", ".1%" -> "0.0%". SI prefixes ("$.3s") take the prefix of
 * `magnitude` (the largest value shown) for every value, scaled with trailing commas: "$5.05T" stays "$5.05T"
 * instead of 5054000000000. Kinds a spreadsheet has no code for fall back to General, which shows the value as it is.
 */
export function excelFormat(specifier: string | undefined, magnitude?: number): string {
  if (!specifier) return 'General';
  let s;
  try {
    s = formatSpecifier(specifier);
  } catch {
    return 'General';
  }
  const integer = s.comma ? '#,##0' : '0';
  const decimals = (n: number) => (n > 0 ? `.${'0'.repeat(n)}` : '');
  const precision = s.precision ?? 6;
  let body: string;
  switch (s.type) {
    case 'f':
      body = integer + decimals(precision);
      break;
    case 'd':
      body = integer;
      break;
    case '%':
      body = `${integer}${decimals(precision)}%`;
      break;
    case 'e':
      body = `0${decimals(precision)}E+00`;
      break;
    case 's': {
      // d3's prefixes from kilo up; each trailing comma divides by a thousand. Significant digits become decimals.
      const thousands = magnitude ? Math.min(4, Math.floor(Math.log10(Math.abs(magnitude)) / 3)) : 0;
      if (thousands < 1) return 'General';
      body = `${integer}${decimals(Math.max(0, precision - 1))}${','.repeat(thousands)}"${'kMGT'[thousands - 1]}"`;
      break;
    }
    default:
      return 'General';
  }
  // d3's "$" is the locale's currency: the default locale puts "$" in front.
  const currency = s.symbol === '$' ? '"$"' : '';
  const negative = `-${currency}${body}`;
  return s.sign === '(' ? `${currency}${body};(${currency}${body})` : currency ? `${currency}${body};${negative}` : body;
}

/** Epoch milliseconds as a spreadsheet date serial (days since 1899-12-30), which date axes and cells hold. */
export function excelDate(ms: number): number {
  return ms / 86_400_000 + 25_569;
}
