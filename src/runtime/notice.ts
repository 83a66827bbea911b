/** Shows one short line at the foot of the page (what to do when something cannot work here). */
export function notice(text: string, id = 'deck-notice'): HTMLElement {
  let line = document.getElementById(id);
  if (!line) {
    line = document.createElement('p');
    line.id = id;
    line.className = 'chokepoint-notice';
    line.setAttribute('role', 'status');
    document.body.append(line);
  }
  line.textContent = text;
  return line;
}
