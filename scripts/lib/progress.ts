// A progress bar on a terminal; silent when the output is a file or a pipe, so logs
// and scripts get only the summary.
export function progressBar(stream: NodeJS.WriteStream) {
  const tty = Boolean(stream.isTTY);
  let last = 0;
  return {
    update: (phase: string, done: number, total: number) => {
      if (!tty || (Date.now() - last < 100 && done < total)) return;
      last = Date.now();
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : width;
      stream.write(`\r${phase.padEnd(17)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}   `);
    },
    done: () => {
      if (tty) stream.write("\n");
    },
  };
}
