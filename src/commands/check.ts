import { BrowserError } from '../browser/browser-errors.ts';
import { formatJson, formatReport } from '../check/report.ts';
import { checkDeck } from '../check/run.ts';
import type { Out } from './terminal.ts';

/** `chokepoint check`: prints the report (or JSON); 1 when the deck has errors or no browser can run it (as `pdf`). */
export async function runCheck(input: string, options: { json?: boolean; allowDirs?: readonly string[] }, out: Out): Promise<number> {
  let result;
  try {
    result = await checkDeck(input, options.allowDirs);
  } catch (e) {
    if (!(e instanceof BrowserError)) throw e;
    out.error(`chokepoint: ${e.message}`);
    return 1;
  }
  out.log(options.json ? formatJson(result) : formatReport(result));
  return result.issues.some((i) => i.severity === 'error') ? 1 : 0;
}
