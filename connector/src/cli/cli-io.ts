/** Where the CLI writes and what time it is: the process's streams and clock, or a test's. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The current time in epoch milliseconds. */
  now(): number;
}

/** The real process streams and clock. */
export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  now: () => Date.now(),
};
