import { formatSpecifier } from 'd3-format';

/**
 * The spreadsheet number format closest to a d3-format specifier, so a native chart prints its values as the
 * SVG did: "$.2f" -> "$0.00", ",.0f" -> "#,##0", ".1%" -> "0.0%". Kinds a spreadsheet has no code for
 * (SI prefixes, significant digits) fall back to General, which shows the value as it is.
 */
export function excelFormat(specifier: string | undefined): string {
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
