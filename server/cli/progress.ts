/** Progress of long work on stderr, so stdout keeps only the results a script may read. */
export interface ProgressLine {
  update(label: string, done: number, total: number): void;
  finish(): void;
}

interface Stream {
  isTTY?: boolean;
  write(text: string): boolean;
}

export function progressLine(stream: Stream = process.stderr, now: () => number = Date.now): ProgressLine {
  // A terminal gets one line redrawn in place; a log file gets a line every few seconds instead of thousands.
  const interval = stream.isTTY ? 100 : 5000;
  let lastAt = 0;
  let lastLabel = '';
  let lastText = '';
  let open = false;
  return {
    update(label, done, total) {
      const complete = done >= total;
      const at = now();
      if (label === lastLabel && !complete && at - lastAt < interval) return;
      const percent = total > 0 ? Math.floor((done * 100) / total) : 100;
      const text = `${label} ${done}/${total} (${percent}%)`;
      if (text === lastText) return;
      lastAt = at;
      lastLabel = label;
      lastText = text;
      if (stream.isTTY) {
        stream.write(`\r${text}\x1b[K`);
        open = true;
      } else {
        stream.write(`${text}\n`);
      }
    },
    finish() {
      if (open) stream.write('\n');
      open = false;
    },
  };
}
